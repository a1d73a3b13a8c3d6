using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Evaluations;
using RedSail.Modules.Workflow.Features.Todos;

namespace RedSail.Modules.Workflow.Features.CloseEvaluationRound;

/// <summary>
/// Closes a round (voting ends whatever the date) and tallies it (<see cref="RoundTally"/>): the results become visible,
/// the round's to-dos close.
/// </summary>
internal sealed record CloseEvaluationRound(Guid RoundId) : ICommand<ClosedEvaluationRound>
{
    public string AuditAction => "workflow.evaluations.close";
    public AuditTarget AuditTarget => new("evaluation_round", RoundId.ToString());
}

internal sealed record ClosedEvaluationRound(Guid RoundId, bool Valid, int EligibleCount, int BallotCount, long Version);

internal sealed class CloseEvaluationRoundHandler(WorkflowDb db, RequestContext context, TodoBook todos)
    : IRequestHandler<CloseEvaluationRound, ClosedEvaluationRound>
{
    public async Task<ClosedEvaluationRound> Handle(CloseEvaluationRound request, CancellationToken ct)
    {
        var round = await EvaluationRounds.LoadAsync(db, context, WorkflowPermissions.Write, request.RoundId, ct, forUpdate: true);
        if (!round.IsOpen) throw new RuleViolationException("evaluation_round_closed", "workflow.evaluations.round_closed");
        var closed = await RoundTally.CloseAsync(db, round, ct);
        await todos.RefreshAsync(EvaluationRoundOpen.KindName, round.OrganizationId, ct);
        if (round.Kind == EvaluationKinds.AnnualReview) await todos.RefreshAsync(EvaluationReportDue.KindName, null, ct);
        return closed;
    }
}

internal static class CloseEvaluationRoundEndpoint
{
    public static void MapCloseEvaluationRound(this IEndpointRouteBuilder api) =>
        api.MapPost("/evaluations/rounds/{roundId:guid}/close", (Guid roundId, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new CloseEvaluationRound(roundId), ct))
            .WithName("CloseEvaluationRound").WithSummary("结束投票并计票（参与率不足则本轮无效）；结果在结束后才可查看")
            .RequirePermission(WorkflowPermissions.Write);
}
