using RedSail.BuildingBlocks.Audit;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Features.Organizations;

namespace RedSail.Modules.Personnel.Features.GetOrganization;

/// <summary>One organisation in the caller's read scope, with the version an edit must send back.</summary>
internal sealed record GetOrganization(Guid OrganizationId) : IQuery<OrganizationDetail>;

internal sealed record OrganizationDetail(Guid Id, Guid? ParentId, string? ParentName, string Code, string Name, string Type, string? Unit,
    DateOnly? FoundedOn, string Status, Guid? MergedInto, DateOnly? DissolvedOn, long Version);

internal sealed class GetOrganizationHandler(PersonnelDb db, RequestContext context, AuditTrail audit)
    : IRequestHandler<GetOrganization, OrganizationDetail>
{
    private const string Sql = """
        select o.id, o.parent_id, p.name as parent_name, o.code, o.name, o.type, o.unit, o.founded_on, o.status, o.merged_into,
               o.dissolved_on, o.version
        from personnel.organization o left join personnel.organization p on p.id = o.parent_id
        where o.id = @OrganizationId
        """;

    public async Task<OrganizationDetail> Handle(GetOrganization request, CancellationToken cancellationToken)
    {
        await OrganizationTree.EnsureReadableAsync(db, context, audit, request.OrganizationId, "personnel.organizations.get", cancellationToken);
        return await db.QuerySingleAsync<OrganizationDetail>(Sql, request, cancellationToken);
    }
}

internal static class GetOrganizationEndpoint
{
    public static void MapGetOrganization(this IEndpointRouteBuilder api) =>
        api.MapGet("/organizations/{id:guid}", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetOrganization(id), ct))
            .WithName("GetOrganization").WithSummary("组织详情（含版本号，供修改时回传）")
            .RequirePermission(PersonnelPermissions.Read);
}
