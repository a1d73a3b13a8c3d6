using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Features.Organizations;

namespace RedSail.Modules.Personnel.Features.RenameOrganization;

/// <summary>Renames an organisation (更名) from a date, for a reason; the old name stays in its history.</summary>
internal sealed record RenameOrganization(Guid OrganizationId, string? Name, DateOnly? EffectiveOn, string? Reason, long? Version)
    : IOrganizationChange
{
    public string AuditAction => "personnel.organizations.rename";
}

internal sealed record RenameOrganizationBody(string? Name, DateOnly? EffectiveOn, string? Reason, long? Version);

internal sealed class RenameOrganizationValidator(IClock clock) : IValidator<RenameOrganization>
{
    public void Validate(RenameOrganization request, ValidationErrors errors)
    {
        OrganizationTree.CheckName(request.Name, errors);
        OrganizationTree.CheckChange(request, clock, errors);
    }
}

internal sealed class RenameOrganizationHandler(PersonnelDb db, RequestContext context) : IRequestHandler<RenameOrganization, OrganizationVersion>
{
    private const string UpdateSql = """
        update personnel.organization set name = @name, version = version + 1 where id = @id
        """;

    public async Task<OrganizationVersion> Handle(RenameOrganization request, CancellationToken cancellationToken)
    {
        var organization = await OrganizationTree.LockForChangeAsync(db, context, request, cancellationToken);
        var name = request.Name!.Trim();
        if (name == organization.Name) new ValidationErrors().Add("name", "organization.name_unchanged").ThrowIfAny();

        await db.ExecuteAsync(UpdateSql, new { id = organization.Id, name }, cancellationToken);
        await OrganizationTree.RecordAsync(db, context,
        [
            HistoryEntry.Of(request, organization.Id, "renamed", new { organization.Name }, new { Name = name }),
        ], cancellationToken);
        await db.PublishAsync(new OrganizationRenamed(organization.Id, name, request.EffectiveOn!.Value), cancellationToken);
        return new OrganizationVersion(organization.Id, organization.Version + 1);
    }
}

internal static class RenameOrganizationEndpoint
{
    public static void MapRenameOrganization(this IEndpointRouteBuilder api) =>
        api.MapPost("/organizations/{id:guid}/rename", (Guid id, RenameOrganizationBody body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new RenameOrganization(id, body.Name, body.EffectiveOn, body.Reason, body.Version), ct))
            .WithName("RenameOrganization").WithSummary("组织更名（须填写生效日期、原因和当前版本号）")
            .RequirePermission(PersonnelPermissions.Write);
}
