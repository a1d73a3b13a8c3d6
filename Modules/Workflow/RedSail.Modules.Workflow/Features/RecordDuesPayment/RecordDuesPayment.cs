using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Dues;
using RedSail.Modules.Workflow.Features.Rules;
using RedSail.Modules.Workflow.Features.Todos;

namespace RedSail.Modules.Workflow.Features.RecordDuesPayment;

/// <summary>
/// Records what one member paid: one or more months (each its outstanding amount unless an amount is given; a partial payment
/// leaves the rest owed), and optionally a voluntary one-off payment (自愿多交) on top. Back pay reaches at most
/// <see cref="DuesRules.BackPayMaxMonths"/> months back; months ahead up to a year (prepaying the rest of the year is common
/// practice), generated here as they are paid. Every payment is kept; each month's <c>paid</c> is their sum.
/// </summary>
internal sealed record RecordDuesPayment(Guid PersonId, DateOnly? PaidOn, string? PaymentMethod, IReadOnlyList<DuesMonthPayment>? DuesMonths,
    decimal? VoluntaryAmount) : ICommand<RecordedDuesPayment>
{
    public string AuditAction => "workflow.dues.payment.record";
    public AuditTarget AuditTarget => new("person", PersonId.ToString());
}

/// <summary>A month (any day of it) and the amount paid for it (none: what is outstanding).</summary>
internal sealed record DuesMonthPayment(DateOnly? DuesMonth, decimal? DuesAmount);

internal sealed record RecordedDuesPayment(Guid BatchId, int Months, decimal Total) : IAuditedResult
{
    public AuditTarget? AuditTarget => new("dues_payment_batch", BatchId.ToString());
}

internal sealed class RecordDuesPaymentValidator(IClock clock) : IValidator<RecordDuesPayment>
{
    public const int MaxMonths = 24;

    public void Validate(RecordDuesPayment request, ValidationErrors errors)
    {
        var today = clock.Today;
        errors.PaidOn("paidOn", request.PaidOn, today).PaymentMethod("paymentMethod", request.PaymentMethod)
            .Money("voluntaryAmount", request.VoluntaryAmount, required: false, positive: true);
        var months = request.DuesMonths ?? [];
        if (months.Count == 0 && request.VoluntaryAmount is null) errors.Add("duesMonths", "validation.required");
        if (months.Count > MaxMonths) errors.Add("duesMonths", "workflow.dues.too_many_months", MaxMonths);
        for (var i = 0; i < Math.Min(months.Count, MaxMonths); i++)
        {
            if (months[i].DuesMonth is null) errors.Add($"duesMonths[{i}].duesMonth", "validation.required");
            errors.Money($"duesMonths[{i}].duesAmount", months[i].DuesAmount, required: false, positive: true);
        }
        if (months.Where(m => m.DuesMonth is not null).GroupBy(m => DuesCalculation.MonthOf(m.DuesMonth!.Value)).Any(g => g.Count() > 1))
            errors.Add("duesMonths", "workflow.dues.month_repeated");
    }
}

internal sealed class RecordDuesPaymentHandler(WorkflowDb db, RequestContext context, IClock clock, TodoBook todos)
    : IRequestHandler<RecordDuesPayment, RecordedDuesPayment>
{
    public async Task<RecordedDuesPayment> Handle(RecordDuesPayment request, CancellationToken cancellationToken)
    {
        var member = await DuesMembers.EnsureAsync(db, context, WorkflowPermissions.Write, request.PersonId, cancellationToken);
        var today = clock.Today;
        var rules = await RuleBook.LoadAsync(db, cancellationToken);
        var months = (request.DuesMonths ?? []).Select(m => (Month: DuesCalculation.MonthOf(m.DuesMonth!.Value), m.DuesAmount)).OrderBy(m => m.Month).ToList();
        var inForce = rules.At(today).Dues;
        foreach (var (month, _) in months) DuesPayments.EnsureMayPay(inForce, month, today);

        var payments = new List<DuesPayments.Payment>();
        if (months.Count > 0)
        {
            // Months not generated yet (ahead, or a member whose base came late) are created before they are paid.
            await DuesMonths.WriteAsync(db, rules, member.Id, null, months[0].Month, months[^1].Month, recomputeUnpaid: false, cancellationToken);
            var outstanding = (await db.QueryAsync<(DateOnly Month, decimal Outstanding)>("""
                select month, amount_due - reduction - paid from workflow.dues_month
                where person_id = @personId and month = any(@months) for update
                """, new { personId = member.Id, months = months.Select(m => m.Month).ToArray() }, cancellationToken)).ToDictionary(r => r.Month, r => r.Outstanding);
            foreach (var (month, amount) in months)
            {
                var label = month.ToString("yyyy-MM");
                if (!outstanding.TryGetValue(month, out var owed))
                    throw new RuleViolationException("dues_nothing_due", "workflow.dues.nothing_due", member.Name, label);
                if (owed <= 0m && amount is null) throw new RuleViolationException("dues_already_paid", "workflow.dues.already_paid", member.Name, label);
                if (amount > owed) throw new RuleViolationException("dues_overpaid", "workflow.dues.overpaid", label, amount.Value, Math.Max(owed, 0m));
                payments.Add(new DuesPayments.Payment(member.Id, month, member.OrganizationId, "dues", amount ?? owed));
            }
        }
        if (request.VoluntaryAmount is { } voluntary)
            payments.Add(new DuesPayments.Payment(member.Id, DuesCalculation.MonthOf(request.PaidOn!.Value), member.OrganizationId, "voluntary", voluntary));

        var batchId = await DuesPayments.RecordAsync(db, payments, request.PaidOn!.Value, request.PaymentMethod!, context.Principal.UserId, cancellationToken);
        await todos.RefreshAsync(DuesArrearsTodos.KindName, member.OrganizationId, cancellationToken);
        return new RecordedDuesPayment(batchId, months.Count, payments.Sum(p => p.Amount));
    }
}

internal static class RecordDuesPaymentEndpoint
{
    public static void MapRecordDuesPayment(this IEndpointRouteBuilder api) =>
        api.MapPost("/dues/payments", (RecordDuesPayment command, IMediator mediator, CancellationToken ct) => mediator.Send(command, ct))
            .WithName("RecordDuesPayment").WithSummary("登记党员缴纳党费（可多月、补交不超过规定月数、可预交一年内；可含自愿一次性多交）")
            .RequirePermission(WorkflowPermissions.Write);
}
