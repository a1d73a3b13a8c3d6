using RedSail.Modules.Honors.Contracts;
using RedSail.Modules.Honors.Domain;
using RedSail.Modules.Honors.Features.Honours;

namespace RedSail.Modules.Honors.Features.UpdateHonour;

/// <summary>
/// The branch corrects a proposal not yet approved; a rejected one is thereby resubmitted (pending again, the reason kept
/// in its history). The holder may change, within the caller's scope.
/// </summary>
internal sealed record UpdateHonour(Guid Id, Guid? PersonId, Guid? OrganizationId, string? HonourType, string? HonourLevel, string? Title,
    string? ConferringBody, DateOnly? AwardedOn, string? DocumentNumber, long? Version) : ICommand<HonourVersion>, IHonourForm
{
    public string AuditAction => "honors.honours.update";
    public AuditTarget AuditTarget => new("honour", Id.ToString());
}

internal sealed record UpdateHonourBody(Guid? PersonId, Guid? OrganizationId, string? HonourType, string? HonourLevel, string? Title,
    string? ConferringBody, DateOnly? AwardedOn, string? DocumentNumber, long? Version);

internal sealed class UpdateHonourValidator(IClock clock) : IValidator<UpdateHonour>
{
    public void Validate(UpdateHonour request, ValidationErrors errors)
    {
        HonourForm.Validate(request, errors, clock.Today);
        if (request.Version is null) errors.Add("version", "validation.required");
    }
}

internal sealed class UpdateHonourHandler(HonorsDb db, RequestContext context) : IRequestHandler<UpdateHonour, HonourVersion>
{
    public async Task<HonourVersion> Handle(UpdateHonour request, CancellationToken cancellationToken)
    {
        var honour = await HonourAccess.FindForUpdateAsync(db, context, HonorsPermissions.Write, request.Id, request.Version, cancellationToken);
        if (!HonourStatuses.Editable(honour.Status)) throw new RuleViolationException("honour_not_editable", "honors.not_editable");
        var organizationId = await HonourForm.HolderOrganizationAsync(db, context, HonorsPermissions.Write, request, cancellationToken);
        var parameters = new Dapper.DynamicParameters(HonourForm.Columns(request));
        parameters.AddDynamicParams(new { request.Id, organizationId, status = HonourStatuses.Pending });
        await db.ExecuteAsync("""
            update honors.honour set organization_id = @organizationId, person_id = @personId, type = @type, level = @level, title = @title,
                conferring_body = @conferringBody, awarded_on = @awardedOn, document_number = @documentNumber, status = @status,
                rejection_reason = null, version = version + 1
            where id = @Id
            """, parameters, cancellationToken);
        await HonourAccess.RecordAsync(db, context, honour.Id, honour.Status == HonourStatuses.Rejected ? "resubmitted" : "edited", null,
            cancellationToken);
        return new HonourVersion(honour.Id, honour.Version + 1);
    }
}

internal static class UpdateHonourEndpoint
{
    public static void MapUpdateHonour(this IEndpointRouteBuilder api) =>
        api.MapPut("/honours/{id:guid}", (Guid id, UpdateHonourBody b, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new UpdateHonour(id, b.PersonId, b.OrganizationId, b.HonourType, b.HonourLevel, b.Title, b.ConferringBody,
                    b.AwardedOn, b.DocumentNumber, b.Version), ct))
            .WithName("UpdateHonour").WithSummary("修改未批准的荣誉申报；被退回的申报修改后重新提交审核")
            .RequirePermission(HonorsPermissions.Write);
}
