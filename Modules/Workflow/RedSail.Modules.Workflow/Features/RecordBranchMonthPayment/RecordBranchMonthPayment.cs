using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Dues;
using RedSail.Modules.Workflow.Features.Rules;
using RedSail.Modules.Workflow.Features.Todos;

namespace RedSail.Modules.Workflow.Features.RecordBranchMonthPayment;

/// <summary>
/// 整月缴纳: the whole branch paid a month (collected at the branch meeting, or deducted from pay): every member who still
/// owes for it pays what is outstanding, in one statement. The month is generated first if it was not. Same window as a
/// member's payment: back pay at most <see cref="DuesRules.BackPayMaxMonths"/> months.
/// </summary>
internal sealed record RecordBranchMonthPayment(Guid OrganizationId, DateOnly? DuesMonth, DateOnly? PaidOn, string? PaymentMethod)
    : ICommand<RecordedBranchMonthPayment>
{
    public string AuditAction => "workflow.dues.payment.branch_month";
    public AuditTarget AuditTarget => new("organization", OrganizationId.ToString(), OrganizationId.ToString());
}

internal sealed record RecordedBranchMonthPayment(Guid BatchId, int Members, decimal Total) : IAuditedResult
{
    public AuditTarget? AuditTarget => new("dues_payment_batch", BatchId.ToString());
}

internal sealed class RecordBranchMonthPaymentValidator(IClock clock) : IValidator<RecordBranchMonthPayment>
{
    public void Validate(RecordBranchMonthPayment request, ValidationErrors errors)
    {
        if (request.OrganizationId == Guid.Empty) errors.Add("organizationId", "validation.required");
        errors.Month("duesMonth", request.DuesMonth, clock.Today).PaidOn("paidOn", request.PaidOn, clock.Today)
            .PaymentMethod("paymentMethod", request.PaymentMethod);
    }
}

internal sealed class RecordBranchMonthPaymentHandler(WorkflowDb db, RequestContext context, IClock clock, TodoBook todos)
    : IRequestHandler<RecordBranchMonthPayment, RecordedBranchMonthPayment>
{
    public async Task<RecordedBranchMonthPayment> Handle(RecordBranchMonthPayment request, CancellationToken cancellationToken)
    {
        var branch = await WorkflowScope.EnsureBranchAsync(db, context, WorkflowPermissions.Write, request.OrganizationId, cancellationToken);
        var month = DuesCalculation.MonthOf(request.DuesMonth!.Value);
        var today = clock.Today;
        var rules = await RuleBook.LoadAsync(db, cancellationToken);
        DuesPayments.EnsureMayPay(rules.At(today).Dues, month, today);
        await DuesMonths.WriteAsync(db, rules, null, branch.Path, month, month, recomputeUnpaid: false, cancellationToken);

        var batchId = Guid.CreateVersion7();
        var (members, total) = await db.QuerySingleAsync<(int, decimal)>("""
            with owed as (
                select person_id, month, amount_due - reduction - paid as amount from workflow.dues_month
                where organization_id = @organizationId and month = @month and paid < amount_due - reduction
                for update),
            payments as (
                insert into workflow.dues_payment (id, person_id, month, organization_id, kind, amount, paid_on, method, batch_id, recorded_by)
                select gen_random_uuid(), person_id, month, @organizationId, 'dues', amount, @paidOn, @method, @batchId, @recordedBy from owed),
            months as (
                update workflow.dues_month d set paid = d.paid + owed.amount, paid_on = greatest(d.paid_on, @paidOn), version = d.version + 1
                from owed where d.person_id = owed.person_id and d.month = owed.month)
            select count(*)::int, coalesce(sum(amount), 0) from owed
            """, new { organizationId = branch.Id, month, paidOn = request.PaidOn, method = request.PaymentMethod, batchId, recordedBy = context.Principal.UserId },
            cancellationToken);
        if (members == 0) throw new RuleViolationException("dues_month_paid_up", "workflow.dues.month_paid_up", branch.Name, month.ToString("yyyy-MM"));
        await DuesTotals.PublishAsync(db, [branch.Id], [month], cancellationToken);
        await todos.RefreshAsync(DuesArrearsTodos.KindName, branch.Id, cancellationToken);
        return new RecordedBranchMonthPayment(batchId, members, total);
    }
}

internal static class RecordBranchMonthPaymentEndpoint
{
    public static void MapRecordBranchMonthPayment(this IEndpointRouteBuilder api) =>
        api.MapPost("/dues/branch-payments", (RecordBranchMonthPayment command, IMediator mediator, CancellationToken ct) => mediator.Send(command, ct))
            .WithName("RecordBranchMonthPayment").WithSummary("整月缴纳：支部某月全体应缴党员按应缴金额缴清")
            .RequirePermission(WorkflowPermissions.Write);
}
