using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Features.People;

namespace RedSail.Modules.Personnel.Features.RollBackPeopleImport;

/// <summary>
/// Takes a committed batch's people out of the register again (ADR 0009): allowed only while none of them has changed
/// since the import. Their rows are deleted (personal data imported by mistake does not linger); the append-only
/// timeline keeps an 'imported' and a 'rolled_back' line for each, and PeopleImportRolledBack tells other modules.
/// </summary>
internal sealed record RollBackPeopleImport(Guid BatchId) : ICommand<ImportBatchOutcome>
{
    public string AuditAction => "personnel.people.import.rollback";
    public AuditTarget AuditTarget => new("import_batch", BatchId.ToString());
}

internal sealed class RollBackPeopleImportHandler(PersonnelDb db, RequestContext context, IClock clock)
    : IRequestHandler<RollBackPeopleImport, ImportBatchOutcome>
{
    public async Task<ImportBatchOutcome> Handle(RollBackPeopleImport request, CancellationToken cancellationToken)
    {
        var batch = await ImportBatches.LockAsync(db, context, request.BatchId, cancellationToken);
        if (batch.Status != "committed") throw new RuleViolationException("import_batch_not_committed", "import.batch_not_committed");
        // Lock the people first (an edit in flight finishes, or waits and then finds them gone), then look at their timelines.
        var ids = (await db.QueryAsync<Guid>("select id from personnel.person where import_batch_id = @batchId order by id for update",
            new { batchId = batch.Id }, cancellationToken)).ToArray();
        var changed = await db.ExecuteScalarAsync<bool>("""
            select exists (select 1 from personnel.person_change c where c.person_id = any(@ids) and c.change <> 'imported')
            """, new { ids }, cancellationToken);
        if (changed) throw new RuleViolationException("import_people_changed", "import.people_changed");

        await db.ExecuteAsync("""
            insert into personnel.person_change (person_id, change, effective_on, after, recorded_by)
            select id, 'rolled_back', @today, jsonb_build_object('batchId', @batchId), @recordedBy from unnest(@ids) as id;
            delete from personnel.person where id = any(@ids);
            update personnel.import_batch set status = 'rolled_back', rolled_back_at = now() where id = @batchId;
            """, new { ids, today = clock.Today, batchId = batch.Id, recordedBy = context.Principal.UserId }, cancellationToken);
        await db.PublishAsync(new PeopleImportRolledBack(batch.Id, batch.OrganizationId, ids), cancellationToken);
        return new ImportBatchOutcome(batch.Id, ids.Length);
    }
}

internal static class RollBackPeopleImportEndpoint
{
    public static void MapRollBackPeopleImport(this IEndpointRouteBuilder api) =>
        api.MapPost("/people/imports/{batchId:guid}/rollback", (Guid batchId, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new RollBackPeopleImport(batchId), ct))
            .WithName("RollBackPeopleImport").WithSummary("撤销已提交的导入批次（批次人员未发生任何变更时）")
            .RequirePermission(PersonnelPermissions.Write);
}
