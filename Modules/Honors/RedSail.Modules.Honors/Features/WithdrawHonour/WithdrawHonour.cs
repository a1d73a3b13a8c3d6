using RedSail.Modules.Honors.Contracts;
using RedSail.Modules.Honors.Domain;
using RedSail.Modules.Honors.Features.Honours;

namespace RedSail.Modules.Honors.Features.WithdrawHonour;

/// <summary>The committee withdraws an approved honour from the library (recorded in error, or revoked), with the reason.</summary>
internal sealed record WithdrawHonour(Guid Id, string? Reason, long? Version) : ICommand<HonourVersion>
{
    public string AuditAction => "honors.honours.withdraw";
    public AuditTarget AuditTarget => new("honour", Id.ToString());
}

internal sealed class WithdrawHonourValidator : IValidator<WithdrawHonour>
{
    public void Validate(WithdrawHonour request, ValidationErrors errors)
    {
        errors.RequiredMax("reason", request.Reason, 1000);
        if (request.Version is null) errors.Add("version", "validation.required");
    }
}

internal sealed class WithdrawHonourHandler(HonorsDb db, RequestContext context) : IRequestHandler<WithdrawHonour, HonourVersion>
{
    public async Task<HonourVersion> Handle(WithdrawHonour request, CancellationToken cancellationToken)
    {
        var honour = await HonourAccess.FindForUpdateAsync(db, context, HonorsPermissions.Approve, request.Id, request.Version, cancellationToken);
        if (honour.Status != HonourStatuses.Approved) throw new RuleViolationException("honour_not_approved", "honors.not_approved");
        var reason = request.Reason!.Trim();
        await db.ExecuteAsync("""
            update honors.honour set status = 'withdrawn', withdrawal_reason = @reason, version = version + 1 where id = @Id
            """, new { request.Id, reason }, cancellationToken);
        await HonourAccess.RecordAsync(db, context, honour.Id, "withdrawn", reason, cancellationToken);
        await db.PublishAsync(new HonourWithdrawn(honour.Id, honour.OrganizationId, reason), cancellationToken);
        return new HonourVersion(honour.Id, honour.Version + 1);
    }
}

internal static class WithdrawHonourEndpoint
{
    public static void MapWithdrawHonour(this IEndpointRouteBuilder api) =>
        api.MapPost("/honours/{id:guid}/withdraw", (Guid id, HonourDecisionBody body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new WithdrawHonour(id, body.Reason, body.Version), ct))
            .WithName("WithdrawHonour").WithSummary("党委撤销已入库的荣誉（须填写原因）")
            .RequirePermission(HonorsPermissions.Approve);
}
