using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Features.Supervision;
using RedSail.Modules.Workflow.Features.Todos;

namespace RedSail.Modules.Workflow.Features.CompleteRectification;

/// <summary>The branch reports a rectification done (the result, the date); its to-do closes.</summary>
internal sealed record CompleteRectification(Guid RectificationId, long Version, DateOnly? CompletedOn, string? Result) : ICommand<CompletedRectification>
{
    public string AuditAction => "workflow.supervision.complete_rectification";
    public AuditTarget AuditTarget => new("rectification", RectificationId.ToString());
}

internal sealed record CompleteRectificationBody(long Version, DateOnly? CompletedOn, string? Result);

internal sealed record CompletedRectification(Guid Id, long Version);

internal sealed class CompleteRectificationValidator(IClock clock) : IValidator<CompleteRectification>
{
    public void Validate(CompleteRectification request, ValidationErrors errors)
    {
        if (request.CompletedOn is null) errors.Add("completedOn", "validation.required");
        else if (request.CompletedOn > clock.Today) errors.Add("completedOn", "workflow.date_in_future");
        errors.RequiredMax("result", request.Result, 4000);
    }
}

internal sealed class CompleteRectificationHandler(WorkflowDb db, RequestContext context, TodoBook todos)
    : IRequestHandler<CompleteRectification, CompletedRectification>
{
    public async Task<CompletedRectification> Handle(CompleteRectification request, CancellationToken cancellationToken)
    {
        var current = await db.QuerySingleOrDefaultAsync<Current>(
            "select organization_id, status, version from workflow.rectification where id = @RectificationId for update", request, cancellationToken)
            ?? throw new NotFoundException("rectification", request.RectificationId.ToString());
        await WorkflowScope.EnsureAsync(db, context, WorkflowPermissions.Write, current.OrganizationId, cancellationToken);
        if (current.Version != request.Version) throw new ConcurrencyException(current.Version);
        if (current.Status != "open") throw new RuleViolationException("rectification_done", "workflow.supervision.rectification_done");
        var version = await db.QuerySingleAsync<long>("""
            update workflow.rectification set status = 'done', completed_on = @CompletedOn, result = @result, version = version + 1
            where id = @RectificationId returning version
            """, new { request.RectificationId, request.CompletedOn, result = request.Result!.Trim() }, cancellationToken);
        await todos.RefreshAsync(RectificationTodos.KindName, current.OrganizationId, cancellationToken);
        return new CompletedRectification(request.RectificationId, version);
    }

    private sealed record Current(Guid OrganizationId, string Status, long Version);
}

internal static class CompleteRectificationEndpoint
{
    public static void MapCompleteRectification(this IEndpointRouteBuilder api) =>
        api.MapPost("/supervision/rectifications/{id:guid}/complete", (Guid id, CompleteRectificationBody body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new CompleteRectification(id, body.Version, body.CompletedOn, body.Result), ct))
            .WithName("CompleteRectification").WithSummary("报告整改完成").RequirePermission(WorkflowPermissions.Write);
}
