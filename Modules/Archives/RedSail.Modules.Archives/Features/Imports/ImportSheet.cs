using System.Globalization;
using RedSail.Modules.Archives.Domain;

namespace RedSail.Modules.Archives.Features.Imports;

/// <summary>
/// The metadata sheet of a bulk import: one row per file, columns 文件名, 标题, 文号, 日期, 发文机关, 类别 (a path such as
/// 党委文件/党委发文), 关键词 (separated by 、，; or spaces), 密级 (公开, 内部, 限制). The first row is the header. A row that
/// cannot become a document is kept with the reason (a message key) for the report.
/// </summary>
internal static class ImportSheet
{
    public const int MaxBytes = 10 * 1024 * 1024;
    public const int MaxRows = 20_000;
    public static readonly XlsxLimits Limits = new(MaxBytes, 200L * 1024 * 1024, 10_000);
    public static readonly string[] Headers = ["文件名", "标题", "文号", "日期", "发文机关", "类别", "关键词", "密级"];

    private static readonly Dictionary<string, int> Levels = new()
    {
        ["公开"] = SecurityLevels.Public, ["内部"] = SecurityLevels.Internal, ["限制"] = SecurityLevels.Restricted,
        ["0"] = SecurityLevels.Public, ["1"] = SecurityLevels.Internal, ["2"] = SecurityLevels.Restricted,
    };

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d", "yyyy年M月d日", "yyyyMMdd"];

    public sealed class Row
    {
        public int RowNumber { get; init; }
        public string FileName { get; init; } = "";
        public string? Title { get; init; }
        public string? DocNumber { get; init; }
        public DateOnly? IssuedOn { get; set; }
        public string? IssuingBody { get; init; }
        public Guid? CategoryId { get; set; }
        public string[] Keywords { get; init; } = [];
        public int? SecurityLevel { get; set; }
        public string Status { get; set; } = ImportStatus.Waiting;
        public string? Reason { get; set; }
        public string? ReasonArgument { get; set; }

        public void Refuse(string reason, string? argument = null)
        {
            if (Status == ImportStatus.Invalid) return; // the first reason is the one reported
            Status = ImportStatus.Invalid;
            Reason = reason;
            ReasonArgument = argument;
        }
    }

    /// <summary>The rows with their verdicts; <paramref name="categories"/> maps "党委文件/党委发文" to an id.</summary>
    public static List<Row> Read(byte[] content, IReadOnlyDictionary<string, Guid> categories, bool mayFileRestricted)
    {
        var rows = new List<Row>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var cells in XlsxReader.ReadFirstSheet(content).Skip(1))
        {
            if (rows.Count >= MaxRows) throw new AppException(400, "archives_import_too_many_rows", "archives.documents.import.too_many_rows", MaxRows);
            string? Text(int column) => column < cells.Cells.Length && cells.Cells[column] is { } value
                ? Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim() is { Length: > 0 } text ? text : null
                : null;
            var row = new Row
            {
                RowNumber = cells.Number, FileName = Path.GetFileName(Text(0) ?? ""), Title = Text(1), DocNumber = Text(2), IssuingBody = Text(4),
                Keywords = (Text(6) ?? "").Split(['、', '，', ',', ';', '；', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            };
            if (row.FileName.Length == 0) row.Refuse("archives.documents.import.file_name_missing");
            else if (!seen.Add(row.FileName)) row.Refuse("archives.documents.import.duplicate_row", row.FileName);
            if (row.Title is null || row.Title.Length > 300) row.Refuse("archives.documents.import.title_missing");
            row.IssuedOn = Date(cells.Cells.ElementAtOrDefault(3));
            if (row.IssuedOn is null) row.Refuse("archives.documents.import.bad_date", Text(3) ?? "");
            if (row.IssuingBody is null || row.IssuingBody.Length > 200) row.Refuse("archives.documents.import.body_missing");
            var category = string.Join('/', (Text(5) ?? "").Split(['/', '／', '>'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            if (categories.TryGetValue(category, out var categoryId)) row.CategoryId = categoryId;
            else row.Refuse("archives.documents.import.unknown_category", Text(5) ?? "");
            row.SecurityLevel = Levels.TryGetValue(Text(7) ?? "公开", out var level) ? level : null;
            if (row.SecurityLevel is null) row.Refuse("archives.documents.import.bad_level", Text(7) ?? "");
            else if (row.SecurityLevel == SecurityLevels.Restricted && !mayFileRestricted) row.Refuse("archives.documents.import.restricted");
            rows.Add(row);
        }
        return rows;
    }

    private static DateOnly? Date(object? cell) => cell switch
    {
        double oaDate when oaDate is > 1 and < 2_958_465 => DateOnly.FromDateTime(DateTime.FromOADate(oaDate)),
        string text when DateOnly.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) => date,
        _ => null,
    };
}

/// <summary>The states of an import row (<c>archives.import_row.status</c>).</summary>
internal static class ImportStatus
{
    public const string Waiting = "waiting";
    public const string Imported = "imported";
    public const string Invalid = "invalid";
    public const string Refused = "refused";
}
