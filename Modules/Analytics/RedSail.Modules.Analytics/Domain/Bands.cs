namespace RedSail.Modules.Analytics.Domain;

/// <summary>
/// The national statistics' bands (shared/DOMAIN.md §10), computed from year-month buckets as of a month-end: at the end of
/// month M everyone born (or converted) in M or earlier has had that anniversary, so the completed years are exact.
/// </summary>
internal static class Bands
{
    /// <summary>Age bands: ≤30, 31–35, …, 56–60, ≥61 (lower, upper inclusive).</summary>
    public static readonly IReadOnlyList<(string Key, int From, int To)> Age =
    [
        ("le30", 0, 30), ("31_35", 31, 35), ("36_40", 36, 40), ("41_45", 41, 45), ("46_50", 46, 50), ("51_55", 51, 55), ("56_60", 56, 60), ("ge61", 61, 200),
    ];

    /// <summary>Party age (党龄, from conversion) bands; probationary members have none yet.</summary>
    public static readonly IReadOnlyList<(string Key, int From, int To)> PartyAge =
    [
        ("le5", 0, 5), ("6_10", 6, 10), ("11_20", 11, 20), ("21_30", 21, 30), ("31_40", 31, 40), ("41_50", 41, 50), ("ge51", 51, 200),
    ];

    /// <summary>Joining periods: before the founding (1949-10), to the third plenum (1978-12), to the 18th congress (2012-11), since.</summary>
    public static readonly IReadOnlyList<(string Key, string FromMonth, string ToMonth)> JoiningPeriod =
    [
        ("before_1949_10", "0000-00", "1949-09"), ("to_1978_12", "1949-10", "1978-12"), ("to_2012_11", "1979-01", "2012-11"), ("since_2012_12", "2012-12", "9999-12"),
    ];

    /// <summary>Completed years at the end of <paramref name="asOf"/>'s month for a "YYYY-MM" bucket; null for "none".</summary>
    public static int? YearsAt(string yearMonth, DateOnly asOf) =>
        yearMonth.Length == 7 && int.TryParse(yearMonth[..4], out var y) && int.TryParse(yearMonth[5..], out var m)
            ? asOf.Year - y - (m > asOf.Month ? 1 : 0)
            : null;

    public static string? BandOf(IReadOnlyList<(string Key, int From, int To)> bands, int? years) =>
        years is { } v ? bands.FirstOrDefault(b => v >= b.From && v <= b.To).Key ?? (v < 0 ? null : bands[^1].Key) : null;

    /// <summary>Dates whose completed years at the end of asOf's month fall in [from, to]: [start, end).</summary>
    public static (DateOnly Start, DateOnly End) DateRange(int from, int to, DateOnly asOf)
    {
        var monthAfter = new DateOnly(asOf.Year, asOf.Month, 1).AddMonths(1);
        return (monthAfter.AddYears(-Math.Min(to, 1000) - 1), monthAfter.AddYears(-from));
    }

    public static string PeriodOf(string yearMonth) =>
        JoiningPeriod.First(p => string.CompareOrdinal(yearMonth, p.FromMonth) >= 0 && string.CompareOrdinal(yearMonth, p.ToMonth) <= 0).Key;

    /// <summary>Education groups by the code's tens (GB/T 4658): 10 研究生 … 90 其他; 大专及以上 = 10, 20, 30.</summary>
    public static readonly IReadOnlyList<string> EducationGroups = ["10", "20", "30", "40", "60", "70", "80", "90", "none"];

    public static readonly IReadOnlyList<string> FunnelStages = ["applicant", "activist", "candidate", "probationary", "full_member"];

    public static readonly IReadOnlySet<string> BranchTypes = new HashSet<string> { "branch", "joint_branch", "temporary_branch" };
}
