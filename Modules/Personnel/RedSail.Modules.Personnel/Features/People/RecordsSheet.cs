using System.Data;
using MiniExcelLibs;
using RedSail.BuildingBlocks.Localization;
using RedSail.Modules.Personnel.Domain;

namespace RedSail.Modules.Personnel.Features.People;

/// <summary>One column of an information set's import sheet: the field as its errors name it, its Chinese header, and the set's field behind it.</summary>
internal sealed record RecordColumn(string Field, string Header, SetField? SetField = null);

/// <summary>
/// The import sheet of one information set, as the template and the importer spell it: 身份证号 (whose person the entry
/// is), then the set's fields under their Chinese labels (Resources/records.zh-CN.json), then 开始日期/结束日期 where the
/// set records them. Code cells hold the code or its Chinese name (10 or 配偶), as the 代码说明 sheet lists them.
/// </summary>
internal static class RecordsSheet
{
    public const string CodeSheet = "代码说明";
    public const string IdNumber = "idNumber";
    public const string ValidFrom = "validFrom";
    public const string ValidTo = "validTo";

    /// <summary>A set can be imported when every field can be typed into a cell; a membership names its mass organisation by id.</summary>
    public static bool Importable(InformationSet set) => set.Fields.All(f => f.Kind != SetFieldKind.Organization);

    /// <summary>The set named, if known and importable; else null and a field error on <c>set</c>.</summary>
    public static InformationSet? ImportableSet(string? set, ValidationErrors errors)
    {
        var found = InformationSets.Find(set);
        if (found is null) errors.Add("set", string.IsNullOrWhiteSpace(set) ? "validation.required" : "records.unknown_set");
        else if (!Importable(found)) errors.Add("set", "recordsimport.set_not_importable");
        else return found;
        return null;
    }

    /// <summary>The set's name in Chinese (学历学位, 家庭成员 …): the template's sheet name.</summary>
    public static string SetName(InformationSet set, MessageCatalog messages) => Chinese(messages, $"recordsimport.set.{set.Kind}");

    public static IReadOnlyList<RecordColumn> Columns(InformationSet set, MessageCatalog messages)
    {
        string Label(string field) => Chinese(messages, $"field.{PersonnelModule.Schema}.{field}");
        var columns = new List<RecordColumn> { new(IdNumber, Label(IdNumber)) };
        columns.AddRange(set.Fields.Select(f => new RecordColumn($"{set.Kind}.{f.Name}", Label($"{set.Kind}.{f.Name}"), f)));
        // Sets without a period may still date their entries (a reward's date, a request's date): the set says so by requiring it.
        if (set.HasPeriod || set.FromRequired) columns.Add(new RecordColumn(ValidFrom, Label(ValidFrom)));
        if (set.HasPeriod) columns.Add(new RecordColumn(ValidTo, Label(ValidTo)));
        return columns;
    }

    private static string Chinese(MessageCatalog messages, string key) =>
        messages.GetIn(MessageCatalog.DefaultCulture, key) ?? throw new InvalidOperationException($"The import sheet needs the message '{key}'.");

    /// <summary>The code a cell means: the code itself, the code of a Chinese name, a numeric code missing its leading zero; else the cell as given.</summary>
    public static string Code(SetField field, string cell)
    {
        var codes = SetCodeTables.All[field.Codes!];
        if (codes.Any(c => c.Value == cell)) return cell;
        if (codes.FirstOrDefault(c => c.Zh == cell) is { } named) return named.Value;
        var padded = cell.All(char.IsAsciiDigit)
            ? codes.FirstOrDefault(c => c.Value.Length > cell.Length && c.Value.All(char.IsAsciiDigit) && c.Value.TrimStart('0') == cell.TrimStart('0'))
            : null;
        return padded?.Value ?? cell;
    }

    /// <summary>The template: the set's sheet with the headers and no rows, and (for sets with codes) the 代码说明 sheet.</summary>
    public static byte[] Template(InformationSet set, MessageCatalog messages)
    {
        var columns = Columns(set, messages);
        var data = new DataTable(SetName(set, messages));
        foreach (var column in columns) data.Columns.Add(Spreadsheet.Cell(column.Header), typeof(string));
        var sheets = new Dictionary<string, object> { [data.TableName] = data };
        var codes = columns.Where(c => c.SetField?.Kind == SetFieldKind.Code).SelectMany(c => SetCodeTables.All[c.SetField!.Codes!]
            .Select(code => new Dictionary<string, object?>
            {
                ["字段"] = Spreadsheet.Cell(c.Header), ["代码"] = Spreadsheet.Cell(code.Value), ["名称"] = Spreadsheet.Cell(code.Zh),
            })).ToList();
        if (codes.Count > 0) sheets[CodeSheet] = codes;
        using var stream = new MemoryStream();
        stream.SaveAs(sheets, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    /// <summary>
    /// The non-blank data rows of the first sheet, lazily, with their row numbers as Excel shows them and their cells by
    /// field; a sheet that lacks some of the template's headers is refused (400) when the rows are first asked for.
    /// </summary>
    public static IEnumerable<(int Number, Dictionary<string, object?> Cells)> Read(byte[] content, IReadOnlyList<RecordColumn> columns)
    {
        using var stream = new MemoryStream(content, writable: false);
        using var rows = MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().GetEnumerator();
        var letterOf = new Dictionary<string, string>();
        if (rows.MoveNext())
            foreach (var (letter, value) in rows.Current)
                if (SheetCells.Text(value) is { } header) letterOf.TryAdd(header, letter);
        var missing = columns.Where(c => !letterOf.ContainsKey(c.Header)).Select(c => c.Header).ToList();
        if (missing.Count > 0) throw ImportFile.Rejected("import_columns_missing", "import.columns_missing", string.Join("、", missing));
        var number = 1;
        while (rows.MoveNext())
        {
            number++;
            var cells = columns.ToDictionary(c => c.Field, c => rows.Current.TryGetValue(letterOf[c.Header], out var value) ? value : null);
            if (cells.Values.Any(v => SheetCells.Text(v) is not null)) yield return (number, cells);
        }
    }
}
