namespace RedSail.Modules.Personnel.Domain;

/// <summary>
/// Party status (党籍) codes and the transitions the regulations allow (shared/DOMAIN.md §3–4). A change not in
/// <see cref="Transitions"/> is refused, so the record can only move the way the 细则 moves a person.
/// </summary>
internal static class PartyStatus
{
    public const string NonMember = "non_member";        // 群众
    public const string Applicant = "applicant";          // 入党申请人
    public const string Activist = "activist";            // 入党积极分子
    public const string Candidate = "candidate";          // 发展对象
    public const string Probationary = "probationary";    // 预备党员
    public const string FullMember = "full_member";       // 正式党员
    public const string Suspended = "suspended";          // 停止党籍
    public const string Deceased = "deceased";            // 死亡
    public const string Removed = "removed";              // 除名
    public const string Expelled = "expelled";            // 开除党籍
    public const string Withdrawn = "withdrawn";          // 退党
    public const string Lapsed = "lapsed";                // 自行脱党

    public static readonly IReadOnlySet<string> Members = new HashSet<string> { Probationary, FullMember };

    private static readonly string[] Exits = [Deceased, Removed, Expelled, Withdrawn, Lapsed];

    public static readonly IReadOnlyDictionary<string, IReadOnlySet<string>> Transitions = new Dictionary<string, IReadOnlySet<string>>
    {
        [NonMember] = new HashSet<string> { Applicant, Deceased },
        [Applicant] = new HashSet<string> { Activist, NonMember, Deceased },
        [Activist] = new HashSet<string> { Candidate, NonMember, Deceased },
        [Candidate] = new HashSet<string> { Probationary, NonMember, Deceased },
        [Probationary] = new HashSet<string> { FullMember, NonMember, Deceased, Expelled, Withdrawn, Removed },
        [FullMember] = new HashSet<string>(Exits.Append(Suspended)),
        [Suspended] = new HashSet<string> { FullMember, Removed, Expelled, Deceased },
    };

    public static IEnumerable<string> All => Transitions.Keys.Concat(Exits).Distinct();

    public static bool CanChange(string from, string to) => Transitions.TryGetValue(from, out var next) && next.Contains(to);
}
