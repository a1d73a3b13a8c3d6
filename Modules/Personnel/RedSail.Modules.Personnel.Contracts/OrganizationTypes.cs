namespace RedSail.Modules.Personnel.Contracts;

/// <summary>Organisation type codes (shared/DOMAIN.md §2); display names are in the message files (org_type.*).</summary>
public static class OrganizationTypes
{
    public const string Committee = "committee";                 // 基层党委
    public const string GeneralBranch = "general_branch";        // 党总支
    public const string Branch = "branch";                       // 党支部
    public const string JointBranch = "joint_branch";            // 联合党支部
    public const string TemporaryBranch = "temporary_branch";    // 临时党支部
    public const string PartyGroup = "party_group";              // 党小组
    public const string Union = "union";                         // 工会
    public const string WomenWorkers = "women_workers";          // 女职工委员会
    public const string YouthLeague = "youth_league";            // 团委
    public const string YouthLeagueBranch = "youth_league_branch"; // 团支部
    public const string WomenCommittee = "women_committee";      // 妇委会
    public const string UnitedFront = "united_front";            // 统战组织

    public static readonly IReadOnlySet<string> All = new HashSet<string>
    {
        Committee, GeneralBranch, Branch, JointBranch, TemporaryBranch, PartyGroup,
        Union, WomenWorkers, YouthLeague, YouthLeagueBranch, WomenCommittee, UnitedFront,
    };
}
