using System.Globalization;
using System.Text.RegularExpressions;

namespace RedSail.Modules.Workflow.Domain;

/// <summary>A calendar quarter (<c>2026Q3</c>): the period quarterly supervision judges.</summary>
internal readonly partial record struct Quarter(int Year, int Number)
{
    public DateOnly Start => new(Year, (Number - 1) * 3 + 1, 1);
    public DateOnly End => Start.AddMonths(3).AddDays(-1);
    public DateOnly YearStart => new(Year, 1, 1);

    /// <summary>The quarter a date falls in.</summary>
    public static Quarter Of(DateOnly date) => new(date.Year, (date.Month - 1) / 3 + 1);

    /// <summary>The last quarter that has ended on <paramref name="today"/> (what the scheduled run judges).</summary>
    public static Quarter LastEnded(DateOnly today) => Of(today).Previous();

    public Quarter Previous() => Number == 1 ? new(Year - 1, 4) : new(Year, Number - 1);

    public bool HasEnded(DateOnly today) => End < today;

    public static bool TryParse(string? text, out Quarter quarter)
    {
        quarter = default;
        var match = text is null ? null : Pattern().Match(text.Trim());
        if (match is not { Success: true }) return false;
        quarter = new Quarter(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value[0] - '0');
        return quarter.Year is >= 2000 and <= 2100;
    }

    public override string ToString() => $"{Year}Q{Number}";

    [GeneratedRegex("^(\\d{4})[Qq]([1-4])$")]
    private static partial Regex Pattern();
}
