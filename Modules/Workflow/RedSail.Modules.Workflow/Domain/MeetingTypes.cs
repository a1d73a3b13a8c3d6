namespace RedSail.Modules.Workflow.Domain;

/// <summary>The types of organisational life (三会一课 and the rest, 支部工作条例 2018 §19–23).</summary>
internal static class MeetingTypes
{
    /// <summary>支部党员大会</summary>
    public const string GeneralMeeting = "general_meeting";
    /// <summary>支委会</summary>
    public const string CommitteeMeeting = "committee_meeting";
    /// <summary>党小组会</summary>
    public const string GroupMeeting = "group_meeting";
    /// <summary>党课</summary>
    public const string PartyLecture = "party_lecture";
    /// <summary>主题党日</summary>
    public const string ThemeDay = "theme_day";
    /// <summary>组织生活会</summary>
    public const string LifeMeeting = "life_meeting";
    /// <summary>民主评议党员</summary>
    public const string DemocraticReview = "democratic_review";
    /// <summary>谈心谈话</summary>
    public const string HeartToHeartTalk = "heart_to_heart_talk";

    public static readonly IReadOnlyList<string> All =
        [GeneralMeeting, CommitteeMeeting, GroupMeeting, PartyLecture, ThemeDay, LifeMeeting, DemocraticReview, HeartToHeartTalk];
}
