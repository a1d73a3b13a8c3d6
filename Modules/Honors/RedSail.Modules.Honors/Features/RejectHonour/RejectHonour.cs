using RedSail.Modules.Honors.Contracts;
using RedSail.Modules.Honors.Domain;
using RedSail.Modules.Honors.Features.Honours;

namespace RedSail.Modules.Honors.Features.RejectHonour;

/// <summary>The committee returns a pending proposal to the branch with the reason (required), for it to correct and resubmit.</summary>
internal sealed record RejectHonour(Guid Id, string? Reason, long? Version) : ICommand<HonourVersion>
{
    public string AuditAction => "honors.honours.reject";
    public AuditTarget AuditTarget => new("honour", Id.ToString());
}

internal sealed class RejectHonourValidator : IValidator<RejectHonour>
{
    public void Validate(RejectHonour request, ValidationErrors errors)
    {
        errors.RequiredMax("reason", request.Reason, 1000);
        if (request.Version is null) errors.Add("version", "validation.required");
    }
}

internal sealed class RejectHonourHandler(HonorsDb db, RequestContext context) : IRequestHandler<RejectHonour, HonourVersion>
{
    public async Task<HonourVersion> Handle(RejectHonour request, CancellationToken cancellationToken)
    {
        var honour = await HonourAccess.FindForUpdateAsync(db, context, HonorsPermissions.Approve, request.Id, request.Version, cancellationToken);
        if (honour.Status != HonourStatuses.Pending) throw new RuleViolationException("honour_not_pending", "honors.not_pending");
        var reason = request.Reason!.Trim();
        await db.ExecuteAsync("""
            update honors.honour set status = 'rejected', rejection_reason = @reason, decided_by = @by, decided_at = now(), version = version + 1
            where id = @Id
            """, new { request.Id, reason, by = context.Principal.UserId }, cancellationToken);
        await HonourAccess.RecordAsync(db, context, honour.Id, "rejected", reason, cancellationToken);
        return new HonourVersion(honour.Id, honour.Version + 1);
    }
}

internal static class RejectHonourEndpoint
{
    public static void MapRejectHonour(this IEndpointRouteBuilder api) =>
        api.MapPost("/honours/{id:guid}/reject", (Guid id, HonourDecisionBody body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new RejectHonour(id, body.Reason, body.Version), ct))
            .WithName("RejectHonour").WithSummary("党委退回荣誉申报（须填写退回原因），支部修改后可重新提交")
            .RequirePermission(HonorsPermissions.Approve);
}
