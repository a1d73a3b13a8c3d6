using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Features.Dues;
using RedSail.Modules.Workflow.Features.Rules;
using RedSail.Modules.Workflow.Features.Todos;

namespace RedSail.Modules.Workflow.Features.CommitDuesBaseImport;

/// <summary>
/// Applies a previewed base import whole, in one transaction: every row becomes the member's base from the batch's month
/// (one INSERT … SELECT), and the branch's unpaid months from then on are recomputed. A batch with any error is refused whole.
/// </summary>
internal sealed record CommitDuesBaseImport(Guid BatchId) : ICommand<CommittedDuesBaseImport>
{
    public string AuditAction => "workflow.dues.base_import.commit";
    public AuditTarget AuditTarget => new("dues_import_batch", BatchId.ToString());
}

internal sealed record CommittedDuesBaseImport(Guid BatchId, int Imported, int MonthsRecomputed) : IAuditedResult
{
    public AuditTarget? AuditTarget => new("dues_import_batch", BatchId.ToString());
}

internal sealed class CommitDuesBaseImportHandler(WorkflowDb db, RequestContext context, IClock clock, TodoBook todos)
    : IRequestHandler<CommitDuesBaseImport, CommittedDuesBaseImport>
{
    public async Task<CommittedDuesBaseImport> Handle(CommitDuesBaseImport request, CancellationToken cancellationToken)
    {
        var batch = await db.QuerySingleOrDefaultAsync<Batch>($"""
            select b.id, b.organization_id, b.from_month, b.status, b.error_count from workflow.dues_import_batch b
            join workflow.organization o on o.id = b.organization_id
            where b.id = @BatchId and {WorkflowScope.Within("o")} for update of b
            """, WorkflowScope.Parameters(context.Principal.ScopeFor(WorkflowPermissions.Write), new { request.BatchId }), cancellationToken)
            ?? throw new NotFoundException("dues_import_batch", request.BatchId.ToString());
        if (batch.Status != "previewed") throw new RuleViolationException("import_batch_closed", "import.batch_not_previewed");
        if (batch.ErrorCount > 0) throw new RuleViolationException("import_has_errors", "import.has_errors", batch.ErrorCount);
        var branch = await WorkflowScope.EnsureBranchAsync(db, context, WorkflowPermissions.Write, batch.OrganizationId, cancellationToken);

        var imported = await db.ExecuteAsync("""
            insert into workflow.dues_base (person_id, month, category, base, source, import_batch_id, recorded_by)
            select person_id, @from, category, base, 'imported', @batchId, @recordedBy from workflow.dues_import_row where batch_id = @batchId
            on conflict (person_id, month) do update
                set category = excluded.category, base = excluded.base, source = excluded.source, import_batch_id = excluded.import_batch_id,
                    recorded_by = excluded.recorded_by, recorded_at = now(), version = workflow.dues_base.version + 1
            """, new { from = batch.FromMonth, batchId = batch.Id, recordedBy = context.Principal.UserId }, cancellationToken);
        await db.ExecuteAsync("""
            update workflow.dues_import_batch set status = 'committed', committed_at = now() where id = @id;
            delete from workflow.dues_import_row where batch_id = @id;
            """, new { id = batch.Id }, cancellationToken);
        var recomputed = await DuesBases.RecomputeFromAsync(db, await RuleBook.LoadAsync(db, cancellationToken), null, branch.Path, batch.FromMonth,
            clock.Today, cancellationToken);
        await todos.RefreshAsync(DuesArrearsTodos.KindName, branch.Id, cancellationToken);
        return new CommittedDuesBaseImport(batch.Id, imported, recomputed);
    }

    private sealed class Batch
    {
        public Guid Id { get; init; }
        public Guid OrganizationId { get; init; }
        public DateOnly FromMonth { get; init; }
        public string Status { get; init; } = "";
        public int ErrorCount { get; init; }
    }
}

internal static class CommitDuesBaseImportEndpoint
{
    public static void MapCommitDuesBaseImport(this IEndpointRouteBuilder api) =>
        api.MapPost("/dues/base-imports/{batchId:guid}/commit", (Guid batchId, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new CommitDuesBaseImport(batchId), ct))
            .WithName("CommitDuesBaseImport").WithSummary("提交党费基数导入：全部生效或全部不生效（有任何错误则拒绝）")
            .RequirePermission(WorkflowPermissions.Write);
}
