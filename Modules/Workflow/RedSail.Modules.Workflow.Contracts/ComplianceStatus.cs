namespace RedSail.Modules.Workflow.Contracts;

/// <summary>
/// Whether a branch held the organisational life the rule set requires (DOMAIN.md §6): per period, green when met, yellow
/// while the period runs and it is not yet met, red once the period ended unmet. A period not yet begun is upcoming.
/// Workflow's compliance board judges by it, and receivers of <see cref="MeetingQuotasCounted"/> judge its quotas by it
/// against their own today, so the two always agree.
/// </summary>
public static class ComplianceStatus
{
    public const string Green = "green";
    public const string Yellow = "yellow";
    public const string Red = "red";
    public const string Upcoming = "upcoming";
    /// <summary>Nothing is due in the cell.</summary>
    public const string None = "none";

    public static string Of(int held, int required, DateOnly periodStart, DateOnly periodEnd, DateOnly today) =>
        periodStart > today ? Upcoming
        : held >= required ? Green
        : periodEnd >= today ? Yellow
        : Red;

    // Worse statuses rank higher: a month cell shows the worst of its items.
    private static readonly string[] Ranking = [None, Upcoming, Green, Yellow, Red];

    public static string Worst(IEnumerable<string> statuses) => statuses.DefaultIfEmpty(None).MaxBy(s => Array.IndexOf(Ranking, s))!;
}
