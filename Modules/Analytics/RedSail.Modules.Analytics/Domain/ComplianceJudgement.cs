namespace RedSail.Modules.Analytics.Domain;

/// <summary>How the heat map lists a cell's quotas (the judgement itself is Workflow's <c>ComplianceStatus</c>, from its contracts).</summary>
internal static class ComplianceJudgement
{
    /// <summary>The order of meeting types within a cell, as Workflow lists them.</summary>
    public static readonly IReadOnlyList<string> MeetingTypes =
        ["general_meeting", "committee_meeting", "group_meeting", "party_lecture", "theme_day", "life_meeting", "democratic_review", "heart_to_heart_talk"];
}
