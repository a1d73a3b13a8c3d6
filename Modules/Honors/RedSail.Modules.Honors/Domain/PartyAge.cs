namespace RedSail.Modules.Honors.Domain;

/// <summary>
/// Party age (党龄) for 光荣在党50年: it counts from the conversion to full member (转正); a record without that date
/// counts from admission plus the year of probation. The medal is presented around 7月1日, so a member is a candidate of
/// a year when their 50th anniversary falls on or before 1 July of that year.
/// </summary>
internal static class PartyAge
{
    public const int Years = 50;

    /// <summary>The day party age starts, or null when neither date is known.</summary>
    public static DateOnly? StartsOn(DateOnly? convertedOn, DateOnly? joinedOn) => convertedOn ?? joinedOn?.AddYears(1);

    /// <summary>The presentation day of a year: 7月1日.</summary>
    public static DateOnly PresentationDay(int year) => new(year, 7, 1);

    /// <summary>Whether a full member with these dates has 50 years of party age by 1 July of <paramref name="year"/>.</summary>
    public static bool ReachesFiftyYearsBy(int year, DateOnly? convertedOn, DateOnly? joinedOn) =>
        StartsOn(convertedOn, joinedOn) is { } start && start.AddYears(Years) <= PresentationDay(year);

    /// <summary>
    /// The latest admission or conversion day that can reach 50 years by the year's presentation day: a superset filter
    /// for SQL (either date must be on or before it); <see cref="ReachesFiftyYearsBy"/> decides.
    /// </summary>
    public static DateOnly LatestPossibleDate(int year) => PresentationDay(year).AddYears(-Years);
}
