using RedSail.Modules.Personnel.Access;
using RedSail.Modules.Personnel.Contracts;

namespace RedSail.Modules.Personnel.Features.People;

/// <summary>An import batch as its commit and roll-back see it.</summary>
internal sealed record ImportBatch(Guid Id, Guid OrganizationId, string Status, int RowCount, int ErrorCount);

/// <summary>The result of committing or rolling back a batch: how many people it brought in or took out.</summary>
internal sealed record ImportBatchOutcome(Guid BatchId, int Imported) : RedSail.BuildingBlocks.Mediation.IAuditedResult
{
    public RedSail.BuildingBlocks.Mediation.AuditTarget? AuditTarget => new("import_batch", BatchId.ToString());
}

internal static class ImportBatches
{
    /// <summary>The batch locked for update, if its organisation is inside the caller's write scope; otherwise 404.</summary>
    public static async Task<ImportBatch> LockAsync(PersonnelDb db, RequestContext context, Guid batchId, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<ImportBatch>($"""
            select b.id, b.organization_id as organizationid, b.status, b.row_count as rowcount, b.error_count as errorcount
            from personnel.import_batch b join personnel.organization o on o.id = b.organization_id
            where b.id = @batchId and {PersonnelScope.Within("o")}
            for update of b
            """, PersonnelScope.Parameters(context.Principal.ScopeFor(PersonnelPermissions.Write), new { batchId }), ct)
        ?? throw new NotFoundException("import_batch", batchId.ToString());
}
