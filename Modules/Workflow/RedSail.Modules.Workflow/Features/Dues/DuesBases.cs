using RedSail.BuildingBlocks.Rules;
using RedSail.Modules.Workflow.Domain;

namespace RedSail.Modules.Workflow.Features.Dues;

/// <summary>Writing bases (entered one by one or imported) and bringing the months they govern up to date.</summary>
internal static class DuesBases
{
    /// <summary>Saves one member's base from a month; a stale <paramref name="expectedVersion"/> of that month's row is a 409.</summary>
    public static async Task<long> SaveAsync(WorkflowDb db, Guid personId, DateOnly month, string category, decimal monthlyBase, string source,
        Guid? batchId, Guid? recordedBy, long? expectedVersion, CancellationToken ct)
    {
        var current = await db.QuerySingleOrDefaultAsync<long?>(
            "select version from workflow.dues_base where person_id = @personId and month = @month for update", new { personId, month }, ct);
        if (expectedVersion is { } expected && current is { } actual && expected != actual) throw new ConcurrencyException(actual);
        return await db.QuerySingleAsync<long>("""
            insert into workflow.dues_base (person_id, month, category, base, source, import_batch_id, recorded_by)
            values (@personId, @month, @category, @monthlyBase, @source, @batchId, @recordedBy)
            on conflict (person_id, month) do update
                set category = excluded.category, base = excluded.base, source = excluded.source, import_batch_id = excluded.import_batch_id,
                    recorded_by = excluded.recorded_by, recorded_at = now(), version = workflow.dues_base.version + 1
            returning version
            """, new { personId, month, category, monthlyBase, source, batchId, recordedBy }, ct);
    }

    /// <summary>
    /// Recomputes the unpaid months of one member (or of a subtree) from <paramref name="month"/>: up to the current month,
    /// and any later month already generated (a prepayment generates months ahead).
    /// </summary>
    public static async Task<int> RecomputeFromAsync(WorkflowDb db, RuleSets<WorkflowRules> rules, Guid? personId, string? organizationPath,
        DateOnly month, DateOnly today, CancellationToken ct)
    {
        var lastGenerated = await db.QuerySingleOrDefaultAsync<DateOnly?>(
            "select max(month) from workflow.dues_month where (@personId::uuid is null or person_id = @personId) and month >= @month",
            new { personId, month }, ct);
        var current = DuesCalculation.MonthOf(today);
        var to = lastGenerated is { } last && last > current ? last : current;
        return await DuesMonths.WriteAsync(db, rules, personId, organizationPath, month, to, recomputeUnpaid: true, ct);
    }
}
