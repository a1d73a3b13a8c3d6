using RedSail.Platform.Access;

namespace RedSail.Platform.Features.Organizations;

/// <summary>
/// The organisation tree as the platform knows it (from Personnel's events), for choosing a grant's scope:
/// active organisations only (merged and dissolved ones are kept in the copy but not offered).
/// </summary>
public sealed record ListOrganizations : IQuery<IReadOnlyList<OrganizationView>>;

public sealed record OrganizationView(Guid Id, Guid? ParentId, string Name, string Type);

internal sealed class ListOrganizationsHandler(PlatformDb db) : IRequestHandler<ListOrganizations, IReadOnlyList<OrganizationView>>
{
    public Task<IReadOnlyList<OrganizationView>> Handle(ListOrganizations request, CancellationToken cancellationToken) =>
        db.QueryAsync<OrganizationView>("select id, parent_id, name, type from platform.organization where status = 'active' order by nlevel(path), name", null, cancellationToken);
}

internal static class ListOrganizationsEndpoint
{
    public static void MapListOrganizations(this IEndpointRouteBuilder api) =>
        api.MapGet("/organizations", (IMediator mediator, CancellationToken ct) => mediator.Send(new ListOrganizations(), ct))
            // Both administrators who place accounts need it: the security administrator grants roles on organisations, the
            // system administrator maps OA departments to them (organisation names only, no business data).
            .WithName("ListGrantableOrganizations").WithSummary("可授权的组织（平台副本）").RequirePermission(PlatformPermissions.UsersRead);
}
