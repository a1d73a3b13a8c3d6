using RedSail.Modules.Personnel.Access;
using RedSail.Modules.Personnel.Contracts;

namespace RedSail.Modules.Personnel.Features.People;

/// <summary>An import batch of information-set entries as its commit and roll-back see it.</summary>
internal sealed class RecordImportBatch
{
    public Guid Id { get; init; }
    public string SetKind { get; init; } = "";
    public string Status { get; init; } = "";
    public int RowCount { get; init; }
    public int ErrorCount { get; init; }
}

/// <summary>The result of committing or rolling back a batch of entries: how many entries it brought in or took out.</summary>
internal sealed record RecordImportOutcome(Guid BatchId, int Imported) : IAuditedResult
{
    public AuditTarget? AuditTarget => new("record_import_batch", BatchId.ToString());
}

internal static class RecordImportBatches
{
    /// <summary>What the timeline and the removed entries say of a rolled-back batch.</summary>
    public const string RollBackReason = "撤销导入批次";

    /// <summary>
    /// The batch locked for update, if all of its people (staged or imported) lie within the caller's write scope;
    /// otherwise 404, so that a batch reaching into other organisations does not reveal itself.
    /// </summary>
    public static async Task<RecordImportBatch> LockAsync(PersonnelDb db, RequestContext context, Guid batchId, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<RecordImportBatch>($"""
            select b.id, b.set_kind, b.status, b.row_count, b.error_count
            from personnel.record_import_batch b
            where b.id = @batchId and not exists (
                select 1
                from (select person_id from personnel.record_import_row where batch_id = b.id
                      union all
                      select person_id from personnel.person_record where import_batch_id = b.id) batch_people
                join personnel.person p on p.id = batch_people.person_id join personnel.organization o on o.id = p.organization_id
                where not {PersonnelScope.Within("o")})
            for update of b
            """, PersonnelScope.Parameters(context.Principal.ScopeFor(PersonnelPermissions.Write), new { batchId }), ct)
        ?? throw new NotFoundException("record_import_batch", batchId.ToString());
}
