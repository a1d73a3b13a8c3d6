using RedSail.BuildingBlocks.Events;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Features.People;

namespace RedSail.Modules.Personnel.Features.RollBackRecordsImport;

/// <summary>
/// Takes a committed batch of information-set entries back, while none of them has changed since the import (still at
/// version 1 and not removed). Entries are never deleted (ADR 0011): they are removed with the reason 撤销导入批次, each
/// person's timeline gets one line, and one PersonRecordChanged ("removed") per entry tells the other modules.
/// </summary>
internal sealed record RollBackRecordsImport(Guid BatchId) : ICommand<RecordImportOutcome>
{
    public string AuditAction => "personnel.records.import.rollback";
    public AuditTarget AuditTarget => new("record_import_batch", BatchId.ToString());
}

internal sealed class RollBackRecordsImportHandler(PersonnelDb db, RequestContext context, IClock clock)
    : IRequestHandler<RollBackRecordsImport, RecordImportOutcome>
{
    private sealed class BatchEntry
    {
        public Guid Id { get; init; }
        public Guid PersonId { get; init; }
        public Guid OrganizationId { get; init; }
        public DateOnly? ValidFrom { get; init; }
        public DateOnly? ValidTo { get; init; }
        public bool Unchanged { get; init; }
    }

    public async Task<RecordImportOutcome> Handle(RollBackRecordsImport request, CancellationToken cancellationToken)
    {
        var batch = await RecordImportBatches.LockAsync(db, context, request.BatchId, cancellationToken);
        if (batch.Status != "committed") throw new RuleViolationException("import_batch_not_committed", "import.batch_not_committed");
        // Locked first: an edit in flight finishes before (and is seen here) or waits and then finds the entry removed.
        var entries = await db.QueryAsync<BatchEntry>("""
            select r.id, r.person_id, p.organization_id, r.valid_from, r.valid_to, r.version = 1 and r.removed_at is null as unchanged
            from personnel.person_record r join personnel.person p on p.id = r.person_id
            where r.import_batch_id = @batchId order by r.id
            for update of r
            """, new { batchId = batch.Id }, cancellationToken);
        if (entries.Any(e => !e.Unchanged)) throw new RuleViolationException("records_import_entries_changed", "recordsimport.entries_changed");

        await db.ExecuteAsync("""
            update personnel.person_record set removed_at = now(), removed_reason = @reason, version = version + 1, updated_at = now()
            where import_batch_id = @batchId;
            insert into personnel.person_change (person_id, change, effective_on, reason, after, recorded_by)
            select r.person_id, 'records_import_rolled_back', @today, @reason,
                jsonb_build_object('set', @set, 'batchId', @batchId, 'count', count(*), 'recordIds', jsonb_agg(r.id order by r.id)), @recordedBy
            from personnel.person_record r where r.import_batch_id = @batchId
            group by r.person_id;
            update personnel.record_import_batch set status = 'rolled_back', rolled_back_at = now() where id = @batchId;
            """, new
            {
                batchId = batch.Id, set = batch.SetKind, reason = RecordImportBatches.RollBackReason, today = clock.Today,
                recordedBy = context.Principal.UserId,
            }, cancellationToken);
        await db.PublishAsync(entries.Select(e => (IntegrationEvent)new PersonRecordChanged(e.PersonId, e.OrganizationId, e.Id, batch.SetKind,
            "removed", e.ValidFrom, e.ValidTo, new Dictionary<string, string>())).ToList(), cancellationToken);
        return new RecordImportOutcome(batch.Id, entries.Count);
    }
}

internal static class RollBackRecordsImportEndpoint
{
    public static void MapRollBackRecordsImport(this IEndpointRouteBuilder api) =>
        api.MapPost("/records/imports/{batchId:guid}/rollback", (Guid batchId, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new RollBackRecordsImport(batchId), ct))
            .WithName("RollBackRecordsImport").WithSummary("撤销已提交的信息集导入批次（批次条目均未修改或撤回时；条目标记撤回，不物理删除）")
            .RequirePermission(PersonnelPermissions.Write);
}
