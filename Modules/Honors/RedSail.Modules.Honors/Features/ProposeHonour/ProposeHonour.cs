using RedSail.Modules.Honors.Contracts;
using RedSail.Modules.Honors.Domain;
using RedSail.Modules.Honors.Features.Honours;

namespace RedSail.Modules.Honors.Features.ProposeHonour;

/// <summary>
/// A branch proposes an honour of one of its members (<see cref="PersonId"/>) or of an organisation in its scope
/// (<see cref="OrganizationId"/>); it waits for the committee's approval.
/// </summary>
internal sealed record ProposeHonour(Guid? PersonId, Guid? OrganizationId, string? HonourType, string? HonourLevel, string? Title,
    string? ConferringBody, DateOnly? AwardedOn, string? DocumentNumber) : ICommand<HonourVersion>, IHonourForm
{
    public string AuditAction => "honors.honours.propose";
    public AuditTarget AuditTarget => new("honour", null, OrganizationId?.ToString());
}

internal sealed class ProposeHonourValidator(IClock clock) : IValidator<ProposeHonour>
{
    public void Validate(ProposeHonour request, ValidationErrors errors) => HonourForm.Validate(request, errors, clock.Today);
}

internal sealed class ProposeHonourHandler(HonorsDb db, RequestContext context) : IRequestHandler<ProposeHonour, HonourVersion>
{
    public async Task<HonourVersion> Handle(ProposeHonour request, CancellationToken cancellationToken)
    {
        var organizationId = await HonourForm.HolderOrganizationAsync(db, context, HonorsPermissions.Write, request, cancellationToken);
        var id = Guid.CreateVersion7();
        var parameters = new Dapper.DynamicParameters(HonourForm.Columns(request));
        parameters.AddDynamicParams(new { id, organizationId, status = HonourStatuses.Pending, by = context.Principal.UserId });
        await db.ExecuteAsync("""
            insert into honors.honour (id, organization_id, person_id, type, level, title, conferring_body, awarded_on, document_number, status, proposed_by)
            values (@id, @organizationId, @personId, @type, @level, @title, @conferringBody, @awardedOn, @documentNumber, @status, @by)
            """, parameters, cancellationToken);
        await HonourAccess.RecordAsync(db, context, id, "proposed", null, cancellationToken);
        return new HonourVersion(id, 1);
    }
}

internal static class ProposeHonourEndpoint
{
    public static void MapProposeHonour(this IEndpointRouteBuilder api) =>
        api.MapPost("/honours", async (ProposeHonour command, IMediator mediator, CancellationToken ct) =>
            {
                var proposed = await mediator.Send(command, ct);
                return Results.Created($"/api/honors/honours/{proposed.Id}", proposed);
            })
            .WithName("ProposeHonour").WithSummary("支部申报荣誉（个人或组织），待党委审核")
            .RequirePermission(HonorsPermissions.Write);
}
