namespace RedSail.Modules.Personnel.Domain;

/// <summary>
/// Committees by term (shared/DOMAIN.md §2): the posts, the election's validity (more than the rule set's share of
/// the voting members present) and the committee's size for the organisation's membership (≥ the threshold: a
/// committee of 3–7; fewer: a secretary and at most a deputy).
/// </summary>
internal static class CommitteeRules
{
    public const string Secretary = "secretary";

    /// <summary>书记, 副书记, 组织委员, 宣传委员, 纪检委员, 青年委员, 妇女委员, 委员.</summary>
    public static readonly IReadOnlyList<string> Posts = [Secretary, "deputy_secretary", "organization", "propaganda", "discipline", "youth", "women", "member"];

    /// <summary>Equal-number (等额) or competitive (差额) election.</summary>
    public static readonly IReadOnlyList<string> Methods = ["equal", "competitive"];

    /// <summary>Valid when strictly more than <see cref="PersonnelRules.ElectionQuorumPercent"/> of the entitled voters are present.</summary>
    public static bool HasQuorum(int entitled, int present, PersonnelRules rules) => present * 100 > entitled * rules.ElectionQuorumPercent;

    /// <summary>How many may sit on the committee of an organisation with <paramref name="members"/> party members.</summary>
    public static (int Min, int Max) Size(string organizationType, int members, PersonnelRules rules) =>
        organizationType == Contracts.OrganizationTypes.Committee ? (3, 15)
        : members >= rules.CommitteeThresholdMembers ? (3, 7)
        : (1, 2);

    public static void CheckMembers(IReadOnlyList<(Guid PersonId, string? Post)> members, ValidationErrors errors)
    {
        for (var i = 0; i < members.Count; i++)
            if (members[i].Post is not { } post || !Posts.Contains(post)) errors.Add($"members[{i}].post", "committee.post_unknown");
        if (members.Count(m => m.Post == Secretary) != 1) errors.Add("members", "committee.one_secretary");
        if (members.Select(m => m.PersonId).Distinct().Count() != members.Count) errors.Add("members", "committee.member_twice");
    }
}
