using RedSail.Modules.Workflow.Domain;

namespace RedSail.Modules.Workflow.Features.Dues;

/// <summary>Writes payments as one batch and adds each dues payment to its month's <c>paid</c>, set-based.</summary>
internal static class DuesPayments
{
    /// <summary>422 for a month outside the payment window (<see cref="DuesCalculation.MayPay"/>) of the rules in force today.</summary>
    public static void EnsureMayPay(DuesRules inForce, DateOnly month, DateOnly today)
    {
        if (DuesCalculation.MayPay(inForce, month, today)) return;
        throw month < DuesCalculation.MonthOf(today)
            ? new RuleViolationException("dues_back_pay_too_old", "workflow.dues.back_pay_too_old", month.ToString("yyyy-MM"), inForce.BackPayMaxMonths)
            : new RuleViolationException("dues_too_far_ahead", "workflow.dues.too_far_ahead", month.ToString("yyyy-MM"), inForce.PrepayMaxMonths);
    }

    private sealed class MonthOf
    {
        public Guid OrganizationId { get; init; }
        public DateOnly Month { get; init; }
    }

    public sealed record Payment(Guid PersonId, DateOnly Month, Guid OrganizationId, string Kind, decimal Amount);

    public static async Task<Guid> RecordAsync(WorkflowDb db, IReadOnlyList<Payment> payments, DateOnly paidOn, string method, Guid? recordedBy,
        CancellationToken ct)
    {
        var batchId = Guid.CreateVersion7();
        await db.ExecuteAsync("""
            with paid as (
                insert into workflow.dues_payment (id, person_id, month, organization_id, kind, amount, paid_on, method, batch_id, recorded_by)
                select gen_random_uuid(), p.person_id, p.month, p.organization_id, p.kind, p.amount, @paidOn, @method, @batchId, @recordedBy
                from unnest(@people, @months, @organizations, @kinds, @amounts) p(person_id, month, organization_id, kind, amount)
                returning person_id, month, kind, amount)
            update workflow.dues_month d
            set paid = d.paid + paid.amount, paid_on = greatest(d.paid_on, @paidOn), version = d.version + 1
            from paid
            where paid.kind = 'dues' and d.person_id = paid.person_id and d.month = paid.month
            """, new
        {
            people = payments.Select(p => p.PersonId).ToArray(),
            months = payments.Select(p => p.Month).ToArray(),
            organizations = payments.Select(p => p.OrganizationId).ToArray(),
            kinds = payments.Select(p => p.Kind).ToArray(),
            amounts = payments.Select(p => p.Amount).ToArray(),
            paidOn, method, batchId, recordedBy,
        }, ct);
        var months = await db.QueryAsync<MonthOf>("""
            select distinct d.organization_id, d.month from workflow.dues_month d
            join unnest(@people, @months) p(person_id, month) on d.person_id = p.person_id and d.month = p.month
            """, new { people = payments.Select(p => p.PersonId).ToArray(), months = payments.Select(p => p.Month).ToArray() }, ct);
        var (organizations, changed) = DuesTotals.Pairs(months.Select(m => (m.OrganizationId, m.Month)));
        await DuesTotals.PublishAsync(db, organizations, changed, ct);
        return batchId;
    }
}
