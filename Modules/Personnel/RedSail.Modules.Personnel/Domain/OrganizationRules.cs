using RedSail.Modules.Personnel.Contracts;
using T = RedSail.Modules.Personnel.Contracts.OrganizationTypes;

namespace RedSail.Modules.Personnel.Domain;

/// <summary>
/// Where each kind of organisation may sit in the tree (shared/DOMAIN.md §2), which organisations may be merged,
/// and how a tree path is spelt. Party organisations sit under party organisations (a party group under a branch);
/// mass and united-front organisations sit under the committee or under their own kind (女职工委员会 under 工会,
/// 团支部 under 团委).
/// </summary>
internal static class OrganizationRules
{
    private static readonly string[] Branches = [T.Branch, T.JointBranch, T.TemporaryBranch];

    private static readonly Dictionary<string, string[]> AllowedParents = new()
    {
        [T.Committee] = [T.Committee],
        [T.GeneralBranch] = [T.Committee],
        [T.Branch] = [T.Committee, T.GeneralBranch],
        [T.JointBranch] = [T.Committee, T.GeneralBranch],
        [T.TemporaryBranch] = [T.Committee, T.GeneralBranch],
        [T.PartyGroup] = Branches,
        [T.Union] = [T.Committee, T.Union],
        [T.WomenWorkers] = [T.Committee, T.Union],
        [T.YouthLeague] = [T.Committee, T.YouthLeague],
        [T.YouthLeagueBranch] = [T.Committee, T.YouthLeague],
        [T.WomenCommittee] = [T.Committee, T.WomenCommittee],
        [T.UnitedFront] = [T.Committee, T.UnitedFront],
    };

    /// <summary>The only type a root (an organisation without a parent) may have.</summary>
    public const string RootType = T.Committee;

    public static bool IsKnownType(string? type) => type is not null && OrganizationTypes.All.Contains(type);

    public static bool MaySitUnder(string type, string parentType) =>
        AllowedParents.TryGetValue(type, out var parents) && parents.Contains(parentType);

    /// <summary>Merging needs organisations of one kind: the branch types are one kind (a temporary branch may join a branch).</summary>
    public static bool SameKind(string a, string b) => Kind(a) == Kind(b);

    private static string Kind(string type) => Branches.Contains(type) ? T.Branch : type;

    /// <summary>The ltree label of an organisation: its id in hex without dashes.</summary>
    public static string Label(Guid id) => id.ToString("N");

    public static string ChildPath(string parentPath, Guid id) => $"{parentPath}.{Label(id)}";

    /// <summary>Whether <paramref name="path"/> is <paramref name="ancestor"/> or lies below it (ltree <c>&lt;@</c>).</summary>
    public static bool IsWithin(string path, string ancestor) => path == ancestor || path.StartsWith(ancestor + ".", StringComparison.Ordinal);

    /// <summary>1–32 characters of ASCII letters, digits and hyphens.</summary>
    public static bool IsValidCode(string code) => code.Length is >= 1 and <= 32 && code.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
