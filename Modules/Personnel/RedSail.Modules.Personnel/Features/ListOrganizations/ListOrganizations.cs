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
    private static readonly string Sql = $"""
        with visible as (
            select o.id, o.parent_id, o.code, o.name, o.type, o.status, o.unit, o.version, o.path
            from personnel.organization o
            where (@includeClosed or o.status = 'active') and {PersonnelScope.Within("o")})
        select v.id, v.parent_id, v.code, v.name, v.type, v.status, v.unit, v.version, coalesce(c.member_count, 0) as member_count,
               coalesce(c.people_count, 0) as people_count
        from visible v
        left join (select organization_id, count(*) as people_count,
                          count(*) filter (where party_status in ('full_member', 'probationary')) as member_count
                   from personnel.person where organization_id in (select id from visible)
                   group by organization_id) c on c.organization_id = v.id
        order by nlevel(v.path), v.code
        """;

    public async Task<IReadOnlyList<OrganizationNode>> Handle(ListOrganizations request, CancellationToken cancellationToken)
    {
        var scope = context.Principal.ScopeFor(PersonnelPermissions.Read);
        return await db.QueryAsync<OrganizationNode>(Sql, PersonnelScope.Parameters(scope, new { includeClosed = request.IncludeClosed }), cancellationToken);
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
