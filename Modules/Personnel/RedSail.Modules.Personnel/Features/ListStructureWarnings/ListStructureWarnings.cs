using System.Text.Json.Serialization;
using RedSail.Modules.Personnel.Access;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Features.Rules;
using T = RedSail.Modules.Personnel.Contracts.OrganizationTypes;

namespace RedSail.Modules.Personnel.Features.ListStructureWarnings;

/// <summary>
/// Party organisations in the caller's scope whose set-up departs from the rule set in force today (shared/DOMAIN.md
/// §2): a branch over the member limit, a branch big enough for a committee without one, a branch with too few full
/// members, and committees whose term is missing, ending soon or over. Paged; organisations without a warning are left out.
/// </summary>
internal sealed record ListStructureWarnings(int Page, int PageSize) : IQuery<Paged<StructureWarning>>;

internal sealed class StructureWarning
{
    public Guid OrganizationId { get; init; }
    public string Name { get; init; } = "";
    public string Type { get; init; } = "";
    public int? Members { get; init; }
    public int? FullMembers { get; init; }
    public DateOnly? TermEndsOn { get; init; }
    /// <summary>over_member_limit, committee_missing, too_few_full_members, term_missing, term_expiring, term_expired.</summary>
    public string[] Warnings { get; init; } = [];
    [JsonIgnore] public long Total { get; init; }
}

internal sealed class ListStructureWarningsHandler(PersonnelDb db, RequestContext context, IClock clock)
    : IRequestHandler<ListStructureWarnings, Paged<StructureWarning>>
{
    // Members are counted for branches only (their subtree is the branch and its party groups), which keeps the query
    // proportional to the people in scope rather than to the people times the depth of the tree.
    private static readonly string Sql = $"""
        with scoped as (
            select o.id, o.name, o.type, o.path from personnel.organization o
            where o.status = 'active' and o.type = any(@termTypes) and {PersonnelScope.WithinPaths("o")}),
        counted as (
            select s.id,
                   count(p.id) filter (where p.party_status in ('probationary', 'full_member')) as members,
                   count(p.id) filter (where p.party_status = 'full_member') as full_members
            from scoped s
            join personnel.organization so on so.path <@ s.path
            left join personnel.person p on p.organization_id = so.id and p.relation <> 'transferred_out'
            where s.type = any(@branchTypes)
            group by s.id),
        judged as (
            select s.id as organization_id, s.name, s.type, c.members::int as members, c.full_members::int as full_members, t.ends_on as term_ends_on,
                   array_remove(array[
                       case when c.members > @maxMembers then 'over_member_limit' end,
                       case when c.members >= @committeeThreshold and coalesce(t.seats, 0) < 3 then 'committee_missing' end,
                       case when c.full_members < @minFull then 'too_few_full_members' end,
                       case when t.id is null then 'term_missing' end,
                       case when t.ends_on <= @today then 'term_expired' end,
                       case when t.ends_on > @today and t.ends_on <= @noticeFrom then 'term_expiring' end
                   ], null) as warnings
            from scoped s
            left join counted c on c.id = s.id
            left join lateral (
                select t.id, t.ends_on, (select count(*) from personnel.committee_member m where m.term_id = t.id and m.to_on is null) as seats
                from personnel.committee_term t where t.organization_id = s.id and t.status = 'current') t on true)
        select *, count(*) over () as total from judged where cardinality(warnings) > 0
        order by name, organization_id
        limit @Limit offset @Offset
        """;

    public async Task<Paged<StructureWarning>> Handle(ListStructureWarnings request, CancellationToken cancellationToken)
    {
        var paging = Paging.Of(request.Page, request.PageSize);
        var today = clock.Today;
        var rules = (await RuleBook.LoadAsync(db, cancellationToken)).At(today);
        var parameters = await PersonnelScope.ParametersWithPathsAsync(db, context.Principal.ScopeFor(PersonnelPermissions.Read), new
        {
            termTypes = new[] { T.Committee, T.GeneralBranch, T.Branch, T.JointBranch, T.TemporaryBranch },
            branchTypes = new[] { T.Branch, T.JointBranch, T.TemporaryBranch },
            maxMembers = rules.BranchMaxMembers, committeeThreshold = rules.CommitteeThresholdMembers, minFull = rules.BranchMinFullMembers,
            today, noticeFrom = today.AddMonths(rules.TermReminderMonths), paging.Limit, paging.Offset,
        }, cancellationToken);
        var rows = (await db.QueryAsync<StructureWarning>(Sql, parameters, cancellationToken)).ToList();
        return new Paged<StructureWarning>(rows, rows.FirstOrDefault()?.Total ?? 0, paging.Page, paging.PageSize);
    }
}

internal static class ListStructureWarningsEndpoint
{
    public static void MapListStructureWarnings(this IEndpointRouteBuilder api) =>
        api.MapGet("/organizations/structure-warnings", (int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListStructureWarnings(page ?? 1, pageSize ?? 50), ct))
            .WithName("ListStructureWarnings").WithSummary("组织设置预警（支部人数超限、应设支委会未设、正式党员不足、未换届或临近届满）")
            .RequirePermission(PersonnelPermissions.Read);
}
