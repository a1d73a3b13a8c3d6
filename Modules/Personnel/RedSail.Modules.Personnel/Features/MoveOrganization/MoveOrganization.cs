using RedSail.BuildingBlocks.Localization;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Domain;
using RedSail.Modules.Personnel.Features.Organizations;

namespace RedSail.Modules.Personnel.Features.MoveOrganization;

/// <summary>
/// Puts an organisation under a new parent (调整隶属关系) with everything below it: one UPDATE rewrites the paths
/// of the whole subtree. The new parent must be in the caller's scope, outside the subtree, and a place where
/// the organisation's type may sit.
/// </summary>
internal sealed record MoveOrganization(Guid OrganizationId, Guid? ParentId, DateOnly? EffectiveOn, string? Reason, long? Version)
    : IOrganizationChange
{
    public string AuditAction => "personnel.organizations.move";
}

internal sealed record MoveOrganizationBody(Guid? ParentId, DateOnly? EffectiveOn, string? Reason, long? Version);

internal sealed class MoveOrganizationValidator(IClock clock) : IValidator<MoveOrganization>
{
    public void Validate(MoveOrganization request, ValidationErrors errors)
    {
        if (request.ParentId is null) errors.Add("parentId", "validation.required");
        OrganizationTree.CheckChange(request, clock, errors);
    }
}

internal sealed class MoveOrganizationHandler(PersonnelDb db, RequestContext context, MessageCatalog messages)
    : IRequestHandler<MoveOrganization, OrganizationVersion>
{
    public async Task<OrganizationVersion> Handle(MoveOrganization request, CancellationToken cancellationToken)
    {
        var organization = await OrganizationTree.LockForChangeAsync(db, context, request, cancellationToken);
        var parent = await OrganizationTree.LockPlaceAsync(db, context, request.ParentId!.Value, "parentId", cancellationToken);
        if (parent.Id == organization.ParentId) new ValidationErrors().Add("parentId", "organization.same_parent").ThrowIfAny();
        if (OrganizationRules.IsWithin(parent.Path, organization.Path)) new ValidationErrors().Add("parentId", "organization.under_itself").ThrowIfAny();
        OrganizationTree.EnsureMaySitUnder(organization.Type, parent, "parentId", messages);

        var newPath = OrganizationRules.ChildPath(parent.Path, organization.Id);
        await OrganizationTree.RewriteSubtreeAsync(db, organization.Path, newPath, includeTop: true, [organization.Id], parent.Id, cancellationToken);
        await OrganizationTree.RecordAsync(db, context,
        [
            HistoryEntry.Of(request, organization.Id, "moved", new { organization.ParentId, organization.ParentName },
                new { ParentId = parent.Id, ParentName = parent.Name }),
        ], cancellationToken);
        await db.PublishAsync(new OrganizationMoved(organization.Id, organization.Path, newPath, parent.Id, request.EffectiveOn!.Value), cancellationToken);
        return new OrganizationVersion(organization.Id, organization.Version + 1);
    }
}

internal static class MoveOrganizationEndpoint
{
    public static void MapMoveOrganization(this IEndpointRouteBuilder api) =>
        api.MapPost("/organizations/{id:guid}/move", (Guid id, MoveOrganizationBody body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new MoveOrganization(id, body.ParentId, body.EffectiveOn, body.Reason, body.Version), ct))
            .WithName("MoveOrganization").WithSummary("调整组织隶属关系（连同全部下级组织，须填写生效日期、原因和当前版本号）")
            .RequirePermission(PersonnelPermissions.Write);
}
