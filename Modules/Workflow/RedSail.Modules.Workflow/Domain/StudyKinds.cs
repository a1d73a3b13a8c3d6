namespace RedSail.Modules.Workflow.Domain;

/// <summary>The kinds of members' study sessions, committee members' training and nominations (codes; names are in the UI).</summary>
internal static class StudyKinds
{
    /// <summary>大课 (the committee's), 小课 (a branch's or a group's), 集中学习 (the quarterly centralised session).</summary>
    public static readonly IReadOnlySet<string> Sessions = new HashSet<string> { "big_class", "small_class", "centralised" };

    /// <summary>集中培训, 网络培训, 专题讲座, 其他.</summary>
    public static readonly IReadOnlySet<string> Trainings = new HashSet<string> { "centralised", "online", "lecture", "other" };

    /// <summary>先进支部 (the branch itself) or 优秀党员 (one of its members).</summary>
    public static readonly IReadOnlySet<string> Nominations = new HashSet<string> { "branch", "member" };

    public static readonly IReadOnlySet<string> NominationResults = new HashSet<string> { "selected", "not_selected" };

    /// <summary>Hours are recorded to the tenth (numeric(5,1)), more than nothing and at most 200 (a long course).</summary>
    public static bool ValidHours(decimal? hours) => hours is > 0m and <= 200m && decimal.Round(hours.Value, 1) == hours.Value;

    /// <summary>Members whose hours this year are below the rule set's minimum (<see cref="StudyRules.YearlyMinimumHours"/>) are flagged.</summary>
    public static bool BelowMinimum(decimal hours, StudyRules rules) => hours < rules.YearlyMinimumHours;
}
