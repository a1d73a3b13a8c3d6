using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Features.Supervision;
using RedSail.Modules.Workflow.Features.Todos;

namespace RedSail.Modules.Workflow.Features.RespondToSupervision;

/// <summary>The branch answers its yellow or red scorecard: what it will do. Once; the to-do closes with it.</summary>
internal sealed record RespondToSupervision(string Quarter, Guid OrganizationId, string? Response) : ICommand<Responded>
{
    public string AuditAction => "workflow.supervision.respond";
    public AuditTarget AuditTarget => new("supervision_report", $"{Quarter}/{OrganizationId}", OrganizationId.ToString());
}

internal sealed record RespondToSupervisionBody(string? Response);

internal sealed record Responded(string Quarter, Guid OrganizationId);

internal sealed class RespondToSupervisionValidator : IValidator<RespondToSupervision>
{
    public void Validate(RespondToSupervision request, ValidationErrors errors) => errors.RequiredMax("response", request.Response, 4000);
}

internal sealed class RespondToSupervisionHandler(WorkflowDb db, RequestContext context, TodoBook todos)
    : IRequestHandler<RespondToSupervision, Responded>
{
    public async Task<Responded> Handle(RespondToSupervision request, CancellationToken cancellationToken)
    {
        await WorkflowScope.EnsureAsync(db, context, WorkflowPermissions.Write, request.OrganizationId, cancellationToken);
        var grade = await db.ExecuteScalarAsync<string>(
            "select grade from workflow.supervision_report where quarter = @Quarter and organization_id = @OrganizationId", request, cancellationToken)
            ?? throw new NotFoundException("supervision_report", $"{request.Quarter}/{request.OrganizationId}");
        if (grade == "green") throw new RuleViolationException("nothing_to_answer", "workflow.supervision.green_needs_no_answer");
        var added = await db.ExecuteAsync("""
            insert into workflow.supervision_response (quarter, organization_id, response, responded_by)
            values (@Quarter, @OrganizationId, @response, @by) on conflict do nothing
            """, new { request.Quarter, request.OrganizationId, response = request.Response!.Trim(), by = context.Principal.UserId }, cancellationToken);
        if (added == 0) throw new RuleViolationException("already_answered", "workflow.supervision.already_answered");
        await todos.RefreshAsync(SupervisionGradeTodos.KindName, request.OrganizationId, cancellationToken);
        return new Responded(request.Quarter, request.OrganizationId);
    }
}

internal static class RespondToSupervisionEndpoint
{
    public static void MapRespondToSupervision(this IEndpointRouteBuilder api) =>
        api.MapPost("/supervision/reports/{quarter}/{organizationId:guid}/response",
                (string quarter, Guid organizationId, RespondToSupervisionBody body, IMediator mediator, CancellationToken ct) =>
                    mediator.Send(new RespondToSupervision(quarter, organizationId, body.Response), ct))
            .WithName("RespondToSupervision").WithSummary("支部对黄灯/红灯督导结果的整改答复").RequirePermission(WorkflowPermissions.Write);
}
