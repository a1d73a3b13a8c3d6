using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RedSail.BuildingBlocks.Access;
using RedSail.BuildingBlocks.Mediation;
using RedSail.BuildingBlocks.Web;
using RedSail.Modules.Personnel.Contracts;

namespace RedSail.Modules.Personnel.Features.ListOrganizations;

/// <summary>
/// The organisation tree the caller may see (their granted subtrees), parents before children and siblings by
/// code, with each organisation's own party members (full and probationary) and all its people.
/// </summary>
internal sealed record ListOrganizations : IQuery<IReadOnlyList<OrganizationNode>>;

internal sealed record OrganizationNode(Guid Id, Guid? ParentId, string Code, string Name, string Type, long MemberCount, long PeopleCount);

internal sealed class ListOrganizationsHandler(PersonnelDb db, RequestContext context)
    : IRequestHandler<ListOrganizations, IReadOnlyList<OrganizationNode>>
{
    private const string Sql = """
        with visible as (
            select o.id, o.parent_id, o.code, o.name, o.type, o.path
            from personnel.organization o
            where @everywhere
               or exists (select 1 from personnel.organization s where s.id = any(@scope) and o.path <@ s.path))
        select v.id, v.parent_id, v.code, v.name, v.type, coalesce(c.member_count, 0) as member_count,
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
        return await db.QueryAsync<OrganizationNode>(Sql, new { everywhere = scope.IsGlobal, scope = scope.OrganizationIds }, cancellationToken);
    }
}

internal static class ListOrganizationsEndpoint
{
    public static void MapListOrganizations(this IEndpointRouteBuilder api) =>
        api.MapGet("/organizations", (IMediator mediator, CancellationToken ct) => mediator.Send(new ListOrganizations(), ct))
            .WithName("ListOrganizations")
            .WithSummary("组织树（调用者可见范围内），含直属人数")
            .RequirePermission(PersonnelPermissions.Read);
}
