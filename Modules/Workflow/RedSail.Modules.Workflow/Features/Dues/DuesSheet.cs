using System.Globalization;
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

    /// <summary>The shared upload checks (<see cref="XlsxUpload"/>) with a payroll sheet's smaller limits.</summary>
    public static void EnsureSafe(byte[] content) => XlsxUpload.EnsureSafe(content, new XlsxLimits(MaxBytes, MaxUncompressedBytes, MaxEntries));

    public static AppException Rejected(string code, string messageKey, params object[] args) => XlsxUpload.Rejected(code, messageKey, args);
}
