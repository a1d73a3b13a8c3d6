using RedSail.Modules.Honors.Contracts;
using RedSail.Modules.Honors.Domain;
using RedSail.Modules.Honors.Features.Honours;

namespace RedSail.Modules.Honors.Features.ApproveHonour;

/// <summary>The committee approves a pending proposal in its scope: the honour enters the library (HonourApproved).</summary>
internal sealed record ApproveHonour(Guid Id, long? Version) : ICommand<HonourVersion>
{
    public string AuditAction => "honors.honours.approve";
    public AuditTarget AuditTarget => new("honour", Id.ToString());
}

internal sealed class ApproveHonourValidator : IValidator<ApproveHonour>
{
    public void Validate(ApproveHonour request, ValidationErrors errors)
    {
        if (request.Version is null) errors.Add("version", "validation.required");
    }
}

internal sealed class ApproveHonourHandler(HonorsDb db, RequestContext context) : IRequestHandler<ApproveHonour, HonourVersion>
{
    public async Task<HonourVersion> Handle(ApproveHonour request, CancellationToken cancellationToken)
    {
        var honour = await HonourAccess.FindForUpdateAsync(db, context, HonorsPermissions.Approve, request.Id, request.Version, cancellationToken);
        if (honour.Status != HonourStatuses.Pending) throw new RuleViolationException("honour_not_pending", "honors.not_pending");
        await db.ExecuteAsync("""
            update honors.honour set status = 'approved', decided_by = @by, decided_at = now(), version = version + 1 where id = @Id
            """, new { request.Id, by = context.Principal.UserId }, cancellationToken);
        await HonourAccess.RecordAsync(db, context, honour.Id, "approved", null, cancellationToken);
        await db.PublishAsync(HonourAccess.Approved(honour), cancellationToken);
        return new HonourVersion(honour.Id, honour.Version + 1);
    }
}

internal static class ApproveHonourEndpoint
{
    public static void MapApproveHonour(this IEndpointRouteBuilder api) =>
        api.MapPost("/honours/{id:guid}/approve", (Guid id, HonourDecisionBody body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ApproveHonour(id, body.Version), ct))
            .WithName("ApproveHonour").WithSummary("党委审核通过荣誉申报，荣誉入库")
            .RequirePermission(HonorsPermissions.Approve);
}
