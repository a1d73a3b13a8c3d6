using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Features.Plans;

namespace RedSail.Modules.Workflow.Features.DownloadPlanTaskAttachment;

/// <summary>One evidence file, if its task is visible to the caller.</summary>
internal sealed record DownloadPlanTaskAttachment(Guid Id) : IQuery<PlanTaskFile>;

internal sealed class PlanTaskFile
{
    public string FileName { get; init; } = "";
    public string ContentType { get; init; } = "";
    public byte[] Content { get; init; } = [];
}

internal sealed class DownloadPlanTaskAttachmentHandler(WorkflowDb db, RequestContext context) : IRequestHandler<DownloadPlanTaskAttachment, PlanTaskFile>
{
    public async Task<PlanTaskFile> Handle(DownloadPlanTaskAttachment q, CancellationToken cancellationToken) =>
        await db.QuerySingleOrDefaultAsync<PlanTaskFile>($"""
            select a.file_name, a.content_type, a.content
            from {PlanTaskView.From} join workflow.plan_task_attachment a on a.task_id = t.id
            where a.id = @Id and {PlanBook.TaskVisible}
            """, WorkflowScope.Parameters(context.Principal.ScopeFor(WorkflowPermissions.Read), new { q.Id }), cancellationToken)
        ?? throw new NotFoundException("plan_task_attachment", q.Id.ToString());
}

internal static class DownloadPlanTaskAttachmentEndpoint
{
    public static void MapDownloadPlanTaskAttachment(this IEndpointRouteBuilder api) =>
        api.MapGet("/plan-task-files/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                var file = await mediator.Send(new DownloadPlanTaskAttachment(id), ct);
                return Results.File(file.Content, file.ContentType, file.FileName);
            })
            .WithName("DownloadPlanTaskFile").WithSummary("下载任务的佐证材料")
            .RequirePermission(WorkflowPermissions.Read);
}
