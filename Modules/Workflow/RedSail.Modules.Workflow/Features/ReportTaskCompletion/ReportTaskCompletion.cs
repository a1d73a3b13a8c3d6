using Microsoft.AspNetCore.Mvc;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Plans;
using RedSail.Modules.Workflow.Features.Todos;

namespace RedSail.Modules.Workflow.Features.ReportTaskCompletion;

/// <summary>
/// The owning branch reports a task done: the date, the result achieved and evidence files. A committee's task then waits
/// for the committee's review (a to-do there); a branch's own task is simply done.
/// </summary>
internal sealed record ReportTaskCompletion(Guid Id, DateOnly? CompletedOn, string? CompletionNote, long? Version,
    IReadOnlyList<EvidenceFiles.Upload> Files) : ICommand<PlanTaskVersion>
{
    public string AuditAction => "workflow.plans.tasks.report";
    public AuditTarget AuditTarget => new("workflow_plan_task", Id.ToString());
}

internal sealed class ReportTaskCompletionValidator(IClock clock) : IValidator<ReportTaskCompletion>
{
    public void Validate(ReportTaskCompletion request, ValidationErrors errors)
    {
        if (request.CompletedOn is null) errors.Add("completedOn", "validation.required");
        else if (request.CompletedOn > clock.Today) errors.Add("completedOn", "workflow.date_in_future");
        errors.RequiredMax("completionNote", request.CompletionNote, 4000);
        if (request.Version is null) errors.Add("version", "validation.required");
        EvidenceFiles.Check(request.Files, errors);
    }
}

internal sealed class ReportTaskCompletionHandler(WorkflowDb db, RequestContext context, TodoBook todos)
    : IRequestHandler<ReportTaskCompletion, PlanTaskVersion>
{
    public async Task<PlanTaskVersion> Handle(ReportTaskCompletion request, CancellationToken cancellationToken)
    {
        var task = await PlanBook.LockTaskAsync(db, context, request.Id, asOwner: true, request.Version, cancellationToken);
        if (!PlanTasks.CanReport(task.Status)) throw new RuleViolationException("task_not_open", "workflow.plans.task_not_open", task.Title);
        await db.ExecuteAsync("""
            update workflow.plan_task set status = 'done', completed_on = @CompletedOn, completion_note = @CompletionNote, accepted_at = null,
                version = version + 1
            where id = @Id
            """, new { request.Id, request.CompletedOn, request.CompletionNote }, cancellationToken);
        await EvidenceFiles.StoreAsync(db, context, task.Id, request.Files, cancellationToken);
        await PlanBook.RecordAsync(db, context, [task.Id], "reported", request.CompletionNote, cancellationToken);
        await todos.RefreshAsync(PlanTaskDueSource.KindName, task.OwnerOrganizationId, cancellationToken);
        await todos.RefreshAsync(PlanTaskReviewSource.KindName, task.OrganizationId, cancellationToken);
        return new PlanTaskVersion(task.Id, task.Version + 1);
    }
}

internal static class ReportTaskCompletionEndpoint
{
    public static void MapReportTaskCompletion(this IEndpointRouteBuilder api) =>
        api.MapPost("/plan-tasks/{id:guid}/completion", async (Guid id, HttpRequest http, IMediator mediator, CancellationToken ct) =>
            {
                var (form, files) = await EvidenceFiles.ReadFormAsync(http, ct);
                return await mediator.Send(new ReportTaskCompletion(id, FormValues.Date(form, "completedOn"), FormValues.Text(form, "completionNote"),
                    FormValues.Long(form, "version"), files), ct);
            })
            .WithName("ReportTaskCompletion").WithSummary("支部报告任务完成情况（完成日期、取得的成果、佐证材料附件；multipart/form-data）")
            .WithMetadata(new RequestSizeLimitAttribute(EvidenceFiles.MaxRequestBytes))
            .RequirePermission(WorkflowPermissions.Write);
}
