using System.Globalization;
using MiniExcelLibs;
using RedSail.BuildingBlocks.Localization;
using RedSail.Modules.Honors.Domain;

namespace RedSail.Modules.Honors.Features.Honours;

/// <summary>
/// The honour sheet, one layout for the export and the import (an exported file can be corrected and imported again):
/// 获奖人 (blank for an organisation's honour), 所在组织, 荣誉类型, 级别, 荣誉名称, 授予单位, 授予日期, 文号. Types and
/// levels are written as their Chinese names and read as names or codes.
/// </summary>
internal static class HonourSheet
{
    public const string SheetName = "荣誉库";
    public const int MaxBytes = 2 * 1024 * 1024;
    public const int MaxRows = 2_000;
    public const int MaxExportRows = 20_000;
    private const long MaxUncompressedBytes = 20L * 1024 * 1024;
    private const int MaxEntries = 200;

    /// <summary>The sheet's columns in order: the JSON field an error names, and the header.</summary>
    public static readonly IReadOnlyList<(string Field, string Header)> Columns =
    [
        ("personName", "获奖人"), ("organizationName", "所在组织"), ("honourType", "荣誉类型"), ("honourLevel", "级别"), ("title", "荣誉名称"),
        ("conferringBody", "授予单位"), ("awardedOn", "授予日期"), ("documentNumber", "文号"),
    ];

    public static byte[] Export(IEnumerable<HonourSummary> honours, MessageCatalog messages)
    {
        var rows = honours.Select(h => new Dictionary<string, object?>
        {
            ["获奖人"] = Spreadsheet.Cell(h.PersonName), ["所在组织"] = Spreadsheet.Cell(h.OrganizationName),
            ["荣誉类型"] = Spreadsheet.Cell(Label(messages, "type", h.HonourType)), ["级别"] = Spreadsheet.Cell(Label(messages, "level", h.HonourLevel)),
            ["荣誉名称"] = Spreadsheet.Cell(h.Title), ["授予单位"] = Spreadsheet.Cell(h.ConferringBody),
            ["授予日期"] = h.AwardedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["文号"] = Spreadsheet.Cell(h.DocumentNumber),
        }).ToList();
        if (rows.Count == 0) rows.Add(Columns.ToDictionary(c => c.Header, _ => (object?)null));
        using var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object> { [SheetName] = rows }, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    /// <summary>The Chinese name of a type or level code (honors.type.*, honors.level.*).</summary>
    public static string Label(MessageCatalog messages, string kind, string code) =>
        messages.GetIn(MessageCatalog.DefaultCulture, $"honors.{kind}.{code}") ?? code;

    /// <summary>A type or level code from a cell holding its code or its Chinese name; the cell as given otherwise (then invalid).</summary>
    public static string? Code(MessageCatalog messages, string kind, IEnumerable<string> codes, string? cell) =>
        cell is null ? null : codes.FirstOrDefault(c => c == cell || Label(messages, kind, c) == cell) ?? cell;

    /// <summary>A date cell: an Excel date number, or text such as 2024-06-28, 2024/6/28, 2024.6.28 or 2024年6月28日.</summary>
    public static DateOnly? Date(object? cell) => cell switch
    {
        double d when d is > 0 and < 2958466 => DateOnly.FromDateTime(DateTime.FromOADate(d)),
        string s when DateOnly.TryParseExact(s.Trim(), ["yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyy年M月d日"], CultureInfo.InvariantCulture,
            DateTimeStyles.None, out var date) => date,
        _ => null,
    };

    public static string? Text(object? cell) => cell switch
    {
        null => null,
        string s => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString(),
    };

    /// <summary>The data rows by header, after the upload checks (<see cref="XlsxUpload"/>); a file that is no honour sheet is a 400.</summary>
    public static IReadOnlyList<(int Row, Dictionary<string, object?> Cells)> Read(byte[] content)
    {
        XlsxUpload.EnsureSafe(content, new XlsxLimits(MaxBytes, MaxUncompressedBytes, MaxEntries));
        List<XlsxRow> sheet;
        try { sheet = XlsxReader.ReadFirstSheet(content).Take(MaxRows + 2).ToList(); }
        catch (InvalidDataException) { throw XlsxUpload.Rejected("import_file_not_xlsx", "import.file_not_xlsx"); }
        if (sheet.Count > MaxRows + 1) throw XlsxUpload.Rejected("import_too_many_rows", "import.too_many_rows", MaxRows);
        var header = sheet.FirstOrDefault()?.Cells.Select(Text).ToList() ?? [];
        var missing = Columns.Where(c => c.Field != "documentNumber" && !header.Contains(c.Header)).Select(c => c.Header).ToList();
        if (missing.Count > 0) throw XlsxUpload.Rejected("import_columns_missing", "import.columns_missing", string.Join("、", missing));
        if (sheet.Count < 2) throw XlsxUpload.Rejected("import_file_empty", "import.no_rows");
        return sheet.Skip(1).Select(row => (row.Number, Columns.ToDictionary(c => c.Field, c =>
        {
            var column = header.IndexOf(c.Header);
            return column >= 0 && column < row.Cells.Length ? row.Cells[column] : null;
        }))).ToList();
    }
}
