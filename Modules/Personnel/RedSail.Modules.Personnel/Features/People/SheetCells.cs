using System.Globalization;

namespace RedSail.Modules.Personnel.Features.People;

/// <summary>
/// What a cell of an uploaded sheet says, as the importers read it: trimmed text (whole numbers without a decimal point,
/// since Excel stores 01 as 1) and dates typed as dates, as Excel serial numbers or as text in the usual Chinese formats.
/// </summary>
internal static class SheetCells
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyyMMdd", "yyyy年M月d日"];

    /// <summary>The cell as trimmed text, or null when blank.</summary>
    public static string? Text(object? cell)
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

    /// <summary>The date a cell holds (null when blank); false, with the cell's text, when it holds something that is not a date.</summary>
    public static bool TryDate(object? cell, out DateOnly? date, out string? text)
    {
        text = null;
        date = cell switch
        {
            DateTime dt => DateOnly.FromDateTime(dt),
            double oa and > 0 and < 2958466 => DateOnly.FromDateTime(DateTime.FromOADate(oa)),
            _ => null,
        };
        if (date is not null) return true;
        text = Text(cell);
        if (text is null) return true;
        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return true;
        }
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withTime) && withTime.TimeOfDay == TimeSpan.Zero)
        {
            date = DateOnly.FromDateTime(withTime);
            return true;
        }
        return false;
    }
}
