using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Features.Evaluations;
using RedSail.Modules.Workflow.Features.Todos;

namespace RedSail.Modules.Workflow.Features.ReturnEvaluationReport;

/// <summary>The committee returns a branch's 述职 report for rework (with the reason); the branch's to-do opens again.</summary>
internal sealed record ReturnEvaluationReport(Guid RoundId, Guid OrganizationId, string? Reason, long? Version) : ICommand<ReturnedEvaluationReport>
{
    public string AuditAction => "workflow.evaluations.report.return";
    public AuditTarget AuditTarget => new("evaluation_round", RoundId.ToString(), OrganizationId.ToString());
}

internal sealed record ReturnedEvaluationReport(long Version);

internal sealed class ReturnEvaluationReportValidator : IValidator<ReturnEvaluationReport>
{
    public void Validate(ReturnEvaluationReport r, ValidationErrors errors)
    {
        errors.RequiredMax("reason", r.Reason, 500);
        if (r.Version is null) errors.Add("version", "validation.required");
    }
}

internal sealed class ReturnEvaluationReportHandler(WorkflowDb db, RequestContext context, TodoBook todos)
    : IRequestHandler<ReturnEvaluationReport, ReturnedEvaluationReport>
{
    public async Task<ReturnedEvaluationReport> Handle(ReturnEvaluationReport r, CancellationToken ct)
    {
        // The round's organisation (the committee) must be writable: a branch cannot return its own report.
        var round = await EvaluationRounds.LoadAsync(db, context, WorkflowPermissions.Write, r.RoundId, ct, forUpdate: true);
        if (!round.IsOpen) throw new RuleViolationException("evaluation_round_closed", "workflow.evaluations.round_closed");
        var current = await db.QuerySingleOrDefaultAsync<long?>(
            "select version from workflow.evaluation_report where round_id = @RoundId and organization_id = @OrganizationId and status = 'submitted' for update",
            r, ct) ?? throw new NotFoundException("evaluation_report", r.OrganizationId.ToString());
        if (current != r.Version) throw new ConcurrencyException(current);
        var version = await db.QuerySingleAsync<long>("""
            update workflow.evaluation_report set status = 'returned', return_reason = @reason, version = version + 1
            where round_id = @RoundId and organization_id = @OrganizationId
            returning version
            """, new { r.RoundId, r.OrganizationId, reason = r.Reason!.Trim() }, ct);
        await todos.RefreshAsync(EvaluationReportDue.KindName, r.OrganizationId, ct);
        return new ReturnedEvaluationReport(version);
    }
}

internal static class ReturnEvaluationReportEndpoint
{
    public static void MapReturnEvaluationReport(this IEndpointRouteBuilder api) =>
        api.MapPost("/evaluations/rounds/{roundId:guid}/reports/{organizationId:guid}/return",
                (Guid roundId, Guid organizationId, ReturnBody body, IMediator mediator, CancellationToken ct) =>
                    mediator.Send(new ReturnEvaluationReport(roundId, organizationId, body.Reason, body.Version), ct))
            .WithName("ReturnEvaluationReport").WithSummary("退回支部述职报告（说明原因，支部重新提交）")
            .RequirePermission(WorkflowPermissions.Write);

    internal sealed record ReturnBody(string? Reason, long? Version);
}
