using System.Globalization;
using System.IO.Compression;
using RedSail.Modules.Workflow.Domain;

namespace RedSail.Modules.Workflow.Features.Dues;

/// <summary>
/// The payroll-base sheet: the template's columns (the person's id ties a row to the roster, since Workflow knows names and
/// ids only), the category names, and the checks on an uploaded file before it is parsed — a branch's roster is small,
/// so the limits are far below the people import's.
/// </summary>
internal static class DuesSheet
{
    public const string SheetName = "党费基数";
    public const string PersonIdHeader = "人员编号（请勿修改）";
    public const string NameHeader = "姓名";
    public const string CategoryHeader = "党费类别";
    public const string BaseHeader = "计缴基数（元）";
    public const int MaxBytes = 2 * 1024 * 1024;
    public const int MaxRows = 5_000;
    private const long MaxUncompressedBytes = 20L * 1024 * 1024;
    private const int MaxEntries = 200;

    public static readonly IReadOnlyDictionary<string, string> CategoryNames = new Dictionary<string, string>
    {
        [DuesCategories.InService] = "在职", [DuesCategories.Retired] = "离退休", [DuesCategories.Fixed] = "学生/无固定收入（定额）",
        [DuesCategories.Exempt] = "免交",
    };

    /// <summary>A category from its name or code as typed; null when it is neither.</summary>
    public static string? Category(string? text) =>
        text is null ? null
        : DuesCategories.All.Contains(text) ? text
        : CategoryNames.FirstOrDefault(c => c.Value == text || c.Value.StartsWith(text, StringComparison.Ordinal)).Key;

    /// <summary>A base cell as money: numbers as Excel stores them, or text such as "5,000.00".</summary>
    public static decimal? Money(object? cell) => cell switch
    {
        double d when Math.Abs(d) < 1e12 => (decimal)d,
        string s when decimal.TryParse(s.Replace(",", "").Replace("，", "").Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var m) => m,
        _ => null,
    };

    public static string? Text(object? cell) => cell switch
    {
        null => null,
        string s => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString(),
    };

    /// <summary>Size, zip signature (not the file name), entry count and uncompressed size counted while inflating (zip bombs lie).</summary>
    public static void EnsureSafe(byte[] content)
    {
        if (content.Length == 0) throw Rejected("import_file_empty", "import.file_empty");
        if (content.Length > MaxBytes) throw Rejected("import_file_too_large", "import.file_too_large", MaxBytes / 1024 / 1024);
        if (content.Length < 4 || content[0] != 'P' || content[1] != 'K' || content[2] != 3 || content[3] != 4)
            throw Rejected("import_file_not_xlsx", "import.file_not_xlsx");
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxEntries || zip.GetEntry("xl/workbook.xml") is null) throw Rejected("import_file_not_xlsx", "import.file_not_xlsx");
            var buffer = new byte[81_920];
            long inflated = 0;
            foreach (var entry in zip.Entries)
            {
                using var stream = entry.Open();
                int read;
                while ((read = stream.Read(buffer)) > 0)
                    if ((inflated += read) > MaxUncompressedBytes)
                        throw Rejected("import_file_zip_bomb", "import.file_uncompressed_too_large", MaxUncompressedBytes / 1024 / 1024);
            }
        }
        catch (InvalidDataException)
        {
            throw Rejected("import_file_not_xlsx", "import.file_not_xlsx");
        }
    }

    public static AppException Rejected(string code, string messageKey, params object[] args) => new(400, code, messageKey, args);
}
