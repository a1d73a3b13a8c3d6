using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Features.Organizations;

namespace RedSail.Modules.Personnel.Features.DissolveOrganization;

/// <summary>
/// Dissolves (撤销) an organisation that no longer has active children or people; it is closed and kept in history.
/// </summary>
internal sealed record DissolveOrganization(Guid OrganizationId, DateOnly? EffectiveOn, string? Reason, long? Version)
    : IOrganizationChange
{
    public string AuditAction => "personnel.organizations.dissolve";
}

internal sealed record DissolveOrganizationBody(DateOnly? EffectiveOn, string? Reason, long? Version);

internal sealed class DissolveOrganizationValidator(IClock clock) : IValidator<DissolveOrganization>
{
    public void Validate(DissolveOrganization request, ValidationErrors errors) =>
        OrganizationTree.CheckChange(request, clock, errors);
}

internal sealed class DissolveOrganizationHandler(PersonnelDb db, RequestContext context) : IRequestHandler<DissolveOrganization, OrganizationVersion>
{
    private const string ContentsSql = """
        select (select count(*) from personnel.organization where parent_id = @id and status = 'active') as children,
               (select count(*) from personnel.person where organization_id = @id) as people
        """;

    private const string CloseSql = """
        update personnel.organization set status = 'dissolved', dissolved_on = @effectiveOn, version = version + 1 where id = @id
        """;

    public async Task<OrganizationVersion> Handle(DissolveOrganization request, CancellationToken cancellationToken)
    {
        var organization = await OrganizationTree.LockForChangeAsync(db, context, request, cancellationToken);
        var contents = await db.QuerySingleAsync<(long Children, long People)>(ContentsSql, new { id = organization.Id }, cancellationToken);
        if (contents.Children > 0 || contents.People > 0)
            throw new RuleViolationException("organization.not_empty", "organization.not_empty", contents.Children, contents.People);

        var effectiveOn = request.EffectiveOn!.Value;
        await db.ExecuteAsync(CloseSql, new { id = organization.Id, effectiveOn }, cancellationToken);
        await OrganizationTree.RecordAsync(db, context,
        [
            HistoryEntry.Of(request, organization.Id, "dissolved", new { Status = OrganizationStatus.Active },
                new { Status = OrganizationStatus.Dissolved, DissolvedOn = effectiveOn }),
        ], cancellationToken);
        await db.PublishAsync(new OrganizationDissolved(organization.Id, effectiveOn), cancellationToken);
        return new OrganizationVersion(organization.Id, organization.Version + 1);
    }
}

internal static class DissolveOrganizationEndpoint
{
    public static void MapDissolveOrganization(this IEndpointRouteBuilder api) =>
        api.MapPost("/organizations/{id:guid}/dissolve", (Guid id, DissolveOrganizationBody body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new DissolveOrganization(id, body.EffectiveOn, body.Reason, body.Version), ct))
            .WithName("DissolveOrganization").WithSummary("撤销组织（须无在册下级组织和人员，填写生效日期、原因和当前版本号）")
            .RequirePermission(PersonnelPermissions.Write);
}
