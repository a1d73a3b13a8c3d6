namespace RedSail.Modules.Analytics.Domain;

/// <summary>
/// The compliance board's rule (Workflow's ComplianceStatus, DOMAIN.md §6), applied to the quota counts Workflow publishes:
/// per period green when met, yellow while it runs unmet, red once it ended unmet, upcoming before it began; a month's cell is
/// the worst of the quotas judged in it (a quota is judged in its period's last month), none when nothing falls due.
/// </summary>
internal static class ComplianceJudgement
{
    public const string Green = "green";
    public const string Yellow = "yellow";
    public const string Red = "red";
    public const string Upcoming = "upcoming";
    public const string None = "none";

    public static string Of(int held, int required, DateOnly periodStart, DateOnly periodEnd, DateOnly today) =>
        periodStart > today ? Upcoming
        : held >= required ? Green
        : periodEnd >= today ? Yellow
        : Red;

    private static readonly string[] Ranking = [None, Upcoming, Green, Yellow, Red];

    public static string Worst(IEnumerable<string> statuses) => statuses.DefaultIfEmpty(None).MaxBy(s => Array.IndexOf(Ranking, s))!;

    /// <summary>The order of meeting types within a cell, as Workflow lists them.</summary>
    public static readonly IReadOnlyList<string> MeetingTypes =
        ["general_meeting", "committee_meeting", "group_meeting", "party_lecture", "theme_day", "life_meeting", "democratic_review", "heart_to_heart_talk"];
}
