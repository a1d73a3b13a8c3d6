using RedSail.Modules.Personnel.Access;
using RedSail.Modules.Personnel.Contracts;

namespace RedSail.Modules.Personnel.Features.ListOrganizations;

/// <summary>
/// The organisation tree the caller may see (their granted subtrees), parents before children and siblings by
/// code, with each organisation's own party members (full and probationary) and all its people. Merged and
/// dissolved organisations are left out unless <see cref="IncludeClosed"/> asks for them.
/// </summary>
internal sealed record ListOrganizations(bool IncludeClosed = false) : IQuery<IReadOnlyList<OrganizationNode>>;

internal sealed record OrganizationNode(Guid Id, Guid? ParentId, string Code, string Name, string Type, string Status, string? Unit, long Version,
    long MemberCount, long PeopleCount);

internal sealed class ListOrganizationsHandler(PersonnelDb db, RequestContext context)
    : IRequestHandler<ListOrganizations, IReadOnlyList<OrganizationNode>>
{
    public async Task<IReadOnlyList<OrganizationNode>> Handle(ListOrganizations request, CancellationToken cancellationToken)
    {
        var scope = await PersonnelScope.ResolveAsync(db, context.Principal.ScopeFor(PersonnelPermissions.Read), null, null, cancellationToken);
        return await db.QueryAsync<OrganizationNode>(Sql(scope.Everything, request.IncludeClosed), scope.Parameters, cancellationToken);
    }

    // Only the conditions the request needs, the scope on its resolved paths (one GiST probe, and an estimate the planner can
    // use). Within a scope, the counts are one probe of ix_person_organization per organisation shown (it carries party_status),
    // so a branch secretary's tree reads the branch's people only; grouping all people read the whole register for it
    // (docs/benchmarks.md). The whole register's tree does group them all, in one pass: 60,000 probes cost more, and their
    // plan's cost sets off JIT compilation (a second on two cores).
    private static string Sql(bool everywhere, bool includeClosed)
    {
        var conditions = new[] { includeClosed ? null : "o.status = 'active'", everywhere ? null : PersonnelScope.WithinPaths("o") }.OfType<string>().ToList();
        const string Counts = """
            count(*) as people_count, count(*) filter (where p.party_status in ('full_member', 'probationary')) as member_count
            from personnel.person p
            """;
        var counted = everywhere
            ? $"left join (select p.organization_id, {Counts} group by p.organization_id) c on c.organization_id = o.id"
            : $"left join lateral (select {Counts} where p.organization_id = o.id) c on true";
        return $"""
            select o.id, o.parent_id, o.code, o.name, o.type, o.status, o.unit, o.version,
                   coalesce(c.member_count, 0) as member_count, coalesce(c.people_count, 0) as people_count
            from personnel.organization o {counted}
            {(conditions.Count == 0 ? "" : "where " + string.Join(" and ", conditions))}
            order by nlevel(o.path), o.code
            """;
    }
}

internal static class ListOrganizationsEndpoint
{
    public static void MapListOrganizations(this IEndpointRouteBuilder api) =>
        api.MapGet("/organizations", (bool? includeClosed, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListOrganizations(includeClosed ?? false), ct))
            .WithName("ListOrganizations")
            .WithSummary("组织树（调用者可见范围内），含直属人数；默认不含已合并、已撤销的组织（includeClosed=true 时包含）")
            .RequirePermission(PersonnelPermissions.Read);
}
