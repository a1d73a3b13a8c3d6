using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Dues;
using RedSail.Modules.Workflow.Features.Todos;

namespace RedSail.Modules.Workflow.Features.RequestDuesReduction;

/// <summary>
/// A hardship request (困难党员减免): pay a smaller monthly amount, or nothing, over a span of months. The higher
/// organisation (the branch's parent) decides (<see cref="DecideDuesReduction"/>); until then the member owes the full amount.
/// </summary>
internal sealed record RequestDuesReduction(Guid PersonId, DateOnly? ReductionFrom, DateOnly? ReductionTo, bool? ReductionExempt,
    decimal? ReducedMonthlyAmount, string? Reason) : ICommand<RequestedDuesReduction>
{
    public string AuditAction => "workflow.dues.reduction.request";
    public AuditTarget AuditTarget => new("person", PersonId.ToString());
}

internal sealed record RequestedDuesReduction(Guid Id) : IAuditedResult
{
    public AuditTarget? AuditTarget => new("dues_reduction", Id.ToString());
}

internal sealed class RequestDuesReductionValidator(IClock clock) : IValidator<RequestDuesReduction>
{
    /// <summary>A reduction is reviewed at least yearly.</summary>
    public const int MaxMonths = 12;

    public void Validate(RequestDuesReduction request, ValidationErrors errors)
    {
        errors.Month("reductionFrom", request.ReductionFrom, clock.Today).Month("reductionTo", request.ReductionTo, clock.Today)
            .RequiredMax("reason", request.Reason, 1000);
        if (request.ReductionExempt is null) errors.Add("reductionExempt", "validation.required");
        else if (request.ReductionExempt == false) errors.Money("reducedMonthlyAmount", request.ReducedMonthlyAmount);
        if (request is { ReductionFrom: { } from, ReductionTo: { } to })
        {
            var span = DuesCalculation.MonthsBetween(DuesCalculation.MonthOf(from), DuesCalculation.MonthOf(to));
            if (span < 0 || span >= MaxMonths) errors.Add("reductionTo", "workflow.dues.reduction_span_invalid", MaxMonths);
        }
    }
}

internal sealed class RequestDuesReductionHandler(WorkflowDb db, RequestContext context, TodoBook todos)
    : IRequestHandler<RequestDuesReduction, RequestedDuesReduction>
{
    public async Task<RequestedDuesReduction> Handle(RequestDuesReduction request, CancellationToken cancellationToken)
    {
        var member = await DuesMembers.EnsureAsync(db, context, WorkflowPermissions.Write, request.PersonId, cancellationToken);
        // 经上级党组织批准: the branch's parent decides (the root, having none above it, decides its own).
        var deciding = member.ParentId ?? member.OrganizationId;
        var id = Guid.CreateVersion7();
        await db.ExecuteAsync("""
            insert into workflow.dues_reduction (id, person_id, organization_id, deciding_organization_id, from_month, to_month, exempt,
                monthly_amount, reason, requested_by)
            values (@id, @personId, @organizationId, @deciding, @from, @to, @exempt, @amount, @reason, @requestedBy)
            """, new
        {
            id, personId = member.Id, organizationId = member.OrganizationId, deciding,
            from = DuesCalculation.MonthOf(request.ReductionFrom!.Value), to = DuesCalculation.MonthOf(request.ReductionTo!.Value),
            exempt = request.ReductionExempt!.Value, amount = request.ReductionExempt == true ? null : request.ReducedMonthlyAmount,
            reason = request.Reason!.Trim(), requestedBy = context.Principal.UserId,
        }, cancellationToken);
        await todos.RefreshAsync(DuesReductionTodos.KindName, deciding, cancellationToken);
        return new RequestedDuesReduction(id);
    }
}

internal static class RequestDuesReductionEndpoint
{
    public static void MapRequestDuesReduction(this IEndpointRouteBuilder api) =>
        api.MapPost("/dues/reductions", async (RequestDuesReduction command, IMediator mediator, CancellationToken ct) =>
            {
                var requested = await mediator.Send(command, ct);
                return Results.Created($"/api/workflow/dues/reductions/{requested.Id}", requested);
            })
            .WithName("RequestDuesReduction").WithSummary("申请减免党费（困难党员；由上级党组织审批）")
            .RequirePermission(WorkflowPermissions.Write);
}
