namespace RedSail.Modules.Personnel.Domain;

/// <summary>
/// The regulation numbers Personnel applies (shared/DOMAIN.md §2–4), as one version of the rule set: data, not
/// code, so that the committee can adopt a revised regulation (e.g. the 2026 细则) or local practice without a
/// release. Stored as JSON in <c>personnel.rule_set</c>; a missing value falls back to the 2014 figure below.
/// </summary>
internal sealed record PersonnelRules
{
    /// <summary>Minimum age on the day of applying to join (党章: 年满十八岁).</summary>
    public int MinApplicationAge { get; init; } = 18;
    /// <summary>Probation from the 支部大会 vote to conversion (预备期一年).</summary>
    public int ProbationMonths { get; init; } = 12;
    /// <summary>An extended probation adds at least this many months (延长预备期不少于半年) …</summary>
    public int ProbationExtensionMinMonths { get; init; } = 6;
    /// <summary>… and at most this many (最长不超过一年).</summary>
    public int ProbationExtensionMaxMonths { get; init; } = 12;
    /// <summary>Remind the branch this many days before a probationary member's conversion falls due.</summary>
    public int ProbationReminderDays { get; init; } = 30;
    /// <summary>Youth League members leave at this age (团员年龄 14–28) …</summary>
    public int LeagueMaxAge { get; init; } = 28;
    /// <summary>… and are reminded this many months before.</summary>
    public int LeagueReminderMonths { get; init; } = 3;
    /// <summary>Young employees (青年职工) are at most this old.</summary>
    public int YoungEmployeeMaxAge { get; init; } = 35;
    /// <summary>Term of a 基层党委 (years).</summary>
    public int CommitteeTermYears { get; init; } = 5;
    /// <summary>Term of a 党总支 or 党支部 (years).</summary>
    public int BranchTermYears { get; init; } = 3;
    /// <summary>Remind this many months before a committee's term ends (届满前约六个月).</summary>
    public int TermReminderMonths { get; init; } = 6;
    /// <summary>A branch normally has at most this many members (一般不超过50人).</summary>
    public int BranchMaxMembers { get; init; } = 50;
    /// <summary>A branch with at least this many members elects a committee (7人以上设支委会).</summary>
    public int CommitteeThresholdMembers { get; init; } = 7;
    /// <summary>A branch needs at least this many full members (正式党员3人以上).</summary>
    public int BranchMinFullMembers { get; init; } = 3;
    /// <summary>An election is valid only when more than this share (percent) of the voting members are present (超过应到会人数的五分之四).</summary>
    public int ElectionQuorumPercent { get; init; } = 80;

    public static readonly PersonnelRules Regulation2014 = new();

    /// <summary>The plausible range of every value: a typo in the committee's edit must not switch a rule off.</summary>
    public static readonly IReadOnlyDictionary<string, (int Min, int Max, Func<PersonnelRules, int> Value)> Bounds =
        new Dictionary<string, (int, int, Func<PersonnelRules, int>)>
        {
            ["minApplicationAge"] = (14, 30, r => r.MinApplicationAge),
            ["probationMonths"] = (6, 24, r => r.ProbationMonths),
            ["probationExtensionMinMonths"] = (1, 24, r => r.ProbationExtensionMinMonths),
            ["probationExtensionMaxMonths"] = (1, 24, r => r.ProbationExtensionMaxMonths),
            ["probationReminderDays"] = (1, 180, r => r.ProbationReminderDays),
            ["leagueMaxAge"] = (18, 40, r => r.LeagueMaxAge),
            ["leagueReminderMonths"] = (1, 24, r => r.LeagueReminderMonths),
            ["youngEmployeeMaxAge"] = (25, 45, r => r.YoungEmployeeMaxAge),
            ["committeeTermYears"] = (1, 10, r => r.CommitteeTermYears),
            ["branchTermYears"] = (1, 10, r => r.BranchTermYears),
            ["termReminderMonths"] = (1, 24, r => r.TermReminderMonths),
            ["branchMaxMembers"] = (3, 500, r => r.BranchMaxMembers),
            ["committeeThresholdMembers"] = (3, 100, r => r.CommitteeThresholdMembers),
            ["branchMinFullMembers"] = (1, 50, r => r.BranchMinFullMembers),
            ["electionQuorumPercent"] = (50, 99, r => r.ElectionQuorumPercent),
        };

    public void Check(ValidationErrors errors)
    {
        foreach (var (field, (min, max, value)) in Bounds)
            if (value(this) is var v && (v < min || v > max)) errors.Add("rules." + field, "rules.out_of_range", min, max);
        if (ProbationExtensionMinMonths > ProbationExtensionMaxMonths)
            errors.Add("rules.probationExtensionMinMonths", "rules.extension_order");
    }

    /// <summary>The term length of an organisation's committee, by organisation type; null where no term applies.</summary>
    public int? TermYears(string organizationType) => organizationType switch
    {
        Contracts.OrganizationTypes.Committee => CommitteeTermYears,
        Contracts.OrganizationTypes.GeneralBranch or Contracts.OrganizationTypes.Branch or Contracts.OrganizationTypes.JointBranch
            or Contracts.OrganizationTypes.TemporaryBranch => BranchTermYears,
        _ => null,
    };
}
