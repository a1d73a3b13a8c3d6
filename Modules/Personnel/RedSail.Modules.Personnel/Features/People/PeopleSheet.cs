using System.Globalization;
using RedSail.Modules.Personnel.Domain;

namespace RedSail.Modules.Personnel.Features.People;

/// <summary>
/// The people spreadsheet as the import template, the importer and the export spell it: Chinese column headers,
/// and code cells that hold either the code or its Chinese name (01 or 汉族, 1 or 男, full_member or 正式党员).
/// </summary>
internal static class PeopleSheet
{
    public const string DataSheet = "人员";
    public const string CodeSheet = "代码说明";

    public static readonly (string Field, string Header)[] Columns =
    [
        ("name", "姓名"), ("gender", "性别"), ("ethnicity", "民族"), ("birthDate", "出生日期"), ("idNumber", "身份证号"), ("nativePlace", "籍贯"),
        ("phone", "手机号"), ("employeeNumber", "工号"), ("department", "部门"), ("education", "学历"), ("partyStatus", "党籍状态"),
        ("appliedOn", "申请入党日期"), ("activistOn", "确定积极分子日期"), ("candidateOn", "确定发展对象日期"), ("joinedOn", "入党日期"), ("convertedOn", "转正日期"),
    ];

    /// <summary>The coded columns and their tables, in the order of the 代码说明 sheet.</summary>
    public static readonly (string Field, string Header, IReadOnlyDictionary<string, string> Table)[] CodedColumns =
    [
        ("gender", "性别", CodeTables.Gender), ("ethnicity", "民族", CodeTables.Ethnicity), ("education", "学历", CodeTables.Education),
        ("partyStatus", "党籍状态", CodeTables.PartyStatus),
    ];

    private static readonly Dictionary<string, Dictionary<string, string>> CodesByName = CodedColumns.ToDictionary(
        c => c.Field, c => c.Table.ToDictionary(e => e.Value, e => e.Key));

    public static string Header(string field) => Columns.First(c => c.Field == field).Header;

    /// <summary>The code a cell means: the code itself, the code of a Chinese name, a numeric code missing its leading zero; else the cell as given.</summary>
    public static string? Code(string field, string? cell)
    {
        if (cell is null) return null;
        var table = CodedColumns.First(c => c.Field == field).Table;
        if (table.ContainsKey(cell)) return cell;
        if (CodesByName[field].TryGetValue(cell, out var code)) return code;
        return cell.Length == 1 && char.IsAsciiDigit(cell[0]) && table.ContainsKey("0" + cell) ? "0" + cell : cell;
    }

    /// <summary>The Chinese name of a code, for the export (the code itself when it is not in the table).</summary>
    public static string? Name(string field, string? code) =>
        code is null ? null : CodedColumns.First(c => c.Field == field).Table.GetValueOrDefault(code) ?? code;

    /// <summary>
    /// An uploaded file's first sheet, read in one pass (<see cref="XlsxReader"/>): its header row now, its data rows as the
    /// caller enumerates them. Dispose it when done.
    /// </summary>
    public static UploadedSheet Open(byte[] content) => new(XlsxReader.ReadFirstSheet(content).GetEnumerator());

    /// <summary>The first sheet of an upload: which headers are missing, and its non-blank data rows, each parsed on demand.</summary>
    internal sealed class UploadedSheet : IDisposable
    {
        private readonly IEnumerator<XlsxRow> _rows;
        private readonly Dictionary<string, int> _columnOf;

        public UploadedSheet(IEnumerator<XlsxRow> rows)
        {
            _rows = rows;
            var headerColumns = new Dictionary<string, int>();
            if (rows.MoveNext())
                foreach (var (header, column) in rows.Current.Cells.Select((c, i) => (Text(c), i)))
                    if (header is not null) headerColumns.TryAdd(header, column);
            MissingHeaders = Columns.Select(c => c.Header).Where(h => !headerColumns.ContainsKey(h)).ToList();
            _columnOf = Columns.Where(c => headerColumns.ContainsKey(c.Header)).ToDictionary(c => c.Field, c => headerColumns[c.Header]);
        }

        /// <summary>The headers of the template that the sheet's first row lacks.</summary>
        public IReadOnlyList<string> MissingHeaders { get; }

        /// <summary>The data rows, lazily, with their row numbers as Excel shows them; rows without any text are left out.</summary>
        public IEnumerable<XlsxRow> Rows
        {
            get
            {
                while (_rows.MoveNext())
                    if (_rows.Current.Cells.Any(c => Text(c) is not null)) yield return _rows.Current;
            }
        }

        /// <summary>What a data row says (safe to call from several threads at once).</summary>
        public SheetRow Parse(XlsxRow row) =>
            PeopleSheet.Parse(row.Number, field => _columnOf.TryGetValue(field, out var column) && column < row.Cells.Length ? row.Cells[column] : null);

        public void Dispose() => _rows.Dispose();
    }

    private static SheetRow Parse(int rowNumber, Func<string, object?> v)
    {
        var errors = new List<FieldError>();
        DateOnly? Date(string field)
        {
            if (v(field) is DateTime dt) return DateOnly.FromDateTime(dt);
            if (v(field) is double oa && oa is > 0 and < 2958466) return DateOnly.FromDateTime(DateTime.FromOADate(oa));
            var text = Text(v(field));
            if (text is null) return null;
            if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
            if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withTime) && withTime.TimeOfDay == TimeSpan.Zero)
                return DateOnly.FromDateTime(withTime);
            errors.Add(new FieldError(field, "import.date_invalid", [text]));
            return null;
        }
        var basics = new PersonBasics(Text(v("name")), Code("gender", Text(v("gender"))), Code("ethnicity", Text(v("ethnicity"))), Date("birthDate"),
            Text(v("idNumber")), Text(v("nativePlace")), Text(v("phone")), Text(v("employeeNumber")), Text(v("department")),
            Code("education", Text(v("education"))));
        var dates = new PartyDates(Date("appliedOn"), Date("activistOn"), Date("candidateOn"), Date("joinedOn"), Date("convertedOn"));
        return new SheetRow(rowNumber, basics, Code("partyStatus", Text(v("partyStatus"))), dates, errors);
    }

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyyMMdd", "yyyy年M月d日"];

    /// <summary>A cell as trimmed text, or null when blank; whole numbers without a decimal point (Excel stores 01 as 1).</summary>
    private static string? Text(object? cell)
    {
        var text = cell switch
        {
            null => null,
            string s => s,
            double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => d.ToString("0", CultureInfo.InvariantCulture),
            DateTime dt => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => cell.ToString(),
        };
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }
}

/// <summary>One data row of an uploaded sheet: what it says, and the cells that could not be read (e.g. a date that is not one).</summary>
internal sealed record SheetRow(int RowNumber, PersonBasics Basics, string? PartyStatus, PartyDates Dates, IReadOnlyList<FieldError> CellErrors);
