using System.Text.Json;
using Npgsql;
using RedSail.BuildingBlocks.Events;
using RedSail.Modules.Personnel.Access;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Features.People;

namespace RedSail.Modules.Personnel.Features.CommitRecordsImport;

/// <summary>
/// Brings a previewed batch of information-set entries into the register, all or nothing, in the command's one
/// transaction: the entries by one INSERT … SELECT from the staged rows (tagged with the batch), one timeline line per
/// person and one PersonRecordChanged per entry (ordinary values only). A batch with any error is refused whole.
/// </summary>
internal sealed record CommitRecordsImport(Guid BatchId) : ICommand<RecordImportOutcome>
{
    public string AuditAction => "personnel.records.import.commit";
    public AuditTarget AuditTarget => new("record_import_batch", BatchId.ToString());
}

internal sealed class CommitRecordsImportHandler(PersonnelDb db, RequestContext context, IClock clock)
    : IRequestHandler<CommitRecordsImport, RecordImportOutcome>
{
    private sealed class ImportedEntry
    {
        public Guid Id { get; init; }
        public Guid PersonId { get; init; }
        public Guid OrganizationId { get; init; }
        public DateOnly? ValidFrom { get; init; }
        public DateOnly? ValidTo { get; init; }
        public string Data { get; init; } = "{}";
    }

    public async Task<RecordImportOutcome> Handle(CommitRecordsImport request, CancellationToken cancellationToken)
    {
        var batch = await RecordImportBatches.LockAsync(db, context, request.BatchId, cancellationToken);
        if (batch.Status != "previewed") throw new RuleViolationException("import_batch_closed", "import.batch_not_previewed");
        if (batch.ErrorCount > 0) throw new RuleViolationException("import_has_errors", "import.has_errors", batch.ErrorCount);

        // The people are joined again, inside the caller's scope: one recorded elsewhere or taken out since the preview is missing from the count.
        int inserted;
        try
        {
            inserted = await db.ExecuteAsync($"""
                insert into personnel.person_record (id, person_id, set_kind, valid_from, valid_to, data, secret, search_text, import_batch_id)
                select s.record_id, s.person_id, @set, s.valid_from, s.valid_to, s.data, s.secret, s.search_text, s.batch_id
                from personnel.record_import_row s
                join personnel.person p on p.id = s.person_id join personnel.organization o on o.id = p.organization_id
                where s.batch_id = @batchId and {PersonnelScope.Within("o")}
                """, PersonnelScope.Parameters(context.Principal.ScopeFor(PersonnelPermissions.Write), new { batchId = batch.Id, set = batch.SetKind }),
                cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "ux_person_record_single")
        {
            // Someone recorded a current entry of this single-entry set for one of these people since the preview.
            throw new RuleViolationException("records_import_current_entry_added", "recordsimport.current_entry_added");
        }
        if (inserted != batch.RowCount) throw new RuleViolationException("records_import_people_gone", "recordsimport.people_gone");

        var today = clock.Today;
        await db.ExecuteAsync("""
            insert into personnel.person_change (person_id, change, effective_on, after, recorded_by)
            select r.person_id, 'records_imported', @today,
                jsonb_build_object('set', @set, 'batchId', @batchId, 'count', count(*),
                    'entries', jsonb_agg(jsonb_build_object('recordId', r.id, 'values', r.data, 'from', r.valid_from, 'to', r.valid_to) order by r.id)),
                @recordedBy
            from personnel.person_record r where r.import_batch_id = @batchId
            group by r.person_id;
            update personnel.record_import_batch set status = 'committed', committed_at = now() where id = @batchId;
            -- the staged copy (with its ciphertexts) has served its purpose: keep only the batch record
            delete from personnel.record_import_row where batch_id = @batchId;
            """, new { today, set = batch.SetKind, batchId = batch.Id, recordedBy = context.Principal.UserId }, cancellationToken);

        var entries = await db.QueryAsync<ImportedEntry>("""
            select r.id, r.person_id, p.organization_id, r.valid_from, r.valid_to, r.data::text as data
            from personnel.person_record r join personnel.person p on p.id = r.person_id
            where r.import_batch_id = @batchId order by r.id
            """, new { batchId = batch.Id }, cancellationToken);
        // data holds the ordinary values only (PersonRecords.Split): what an event may carry.
        await db.PublishAsync(entries.Select(e => (IntegrationEvent)new PersonRecordChanged(e.PersonId, e.OrganizationId, e.Id, batch.SetKind, "added",
            e.ValidFrom, e.ValidTo, JsonSerializer.Deserialize<Dictionary<string, string>>(e.Data)!)).ToList(), cancellationToken);
        return new RecordImportOutcome(batch.Id, inserted);
    }
}

internal static class CommitRecordsImportEndpoint
{
    public static void MapCommitRecordsImport(this IEndpointRouteBuilder api) =>
        api.MapPost("/records/imports/{batchId:guid}/commit", (Guid batchId, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new CommitRecordsImport(batchId), ct))
            .WithName("CommitRecordsImport").WithSummary("提交信息集导入批次：全部入库或全部不入库（有任何错误则拒绝）")
            .RequirePermission(PersonnelPermissions.Write);
}
