using System.Text.Json;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Evaluations;

namespace RedSail.Modules.Workflow.Features.CastBallot;

/// <summary>
/// A member casts their one ballot of a round, as themselves (account → employee number → person): a grade for every member
/// (民主评议) or points on every line of the sheet for every branch (述职测评). What was voted is stored apart from who voted
/// (see the migration's notes); once cast, nobody — the voter included — can read or change it.
/// </summary>
internal sealed record CastBallot(Guid RoundId, IReadOnlyList<BallotMark>? Marks) : ICommand<CastBallotResult>
{
    // The audit names the round only: the trail must not become the link between a voter and a ballot.
    public string AuditAction => "workflow.evaluations.vote";
    public AuditTarget AuditTarget => new("evaluation_round", RoundId.ToString());
}

internal sealed record CastBallotResult(Guid RoundId, bool Voted);

internal sealed class CastBallotHandler(WorkflowDb db, RequestContext context, IClock clock) : IRequestHandler<CastBallot, CastBallotResult>
{
    public async Task<CastBallotResult> Handle(CastBallot request, CancellationToken ct)
    {
        var personId = await EvaluationRounds.MyPersonAsync(db, context, WorkflowPermissions.Self, ct)
            ?? throw new RuleViolationException("evaluation_no_person", "workflow.evaluations.account_not_linked");
        // Shared lock: a ballot cannot slip in while the round is being closed and tallied.
        var round = await db.QuerySingleOrDefaultAsync<EvaluationRound>($"""
            select {EvaluationRounds.Columns}
            from workflow.evaluation_round r join workflow.organization o on o.id = r.organization_id
            where r.id = @RoundId for share of r
            """, request, ct) ?? throw new NotFoundException("evaluation_round", request.RoundId.ToString());
        if (!await db.ExecuteScalarAsync<bool>(
                "select exists (select 1 from workflow.evaluation_voter where round_id = @RoundId and person_id = @personId)",
                new { request.RoundId, personId }, ct))
            throw new RuleViolationException("evaluation_not_eligible", "workflow.evaluations.not_eligible");
        var today = clock.Today;
        if (!round.IsOpen || today > round.EndsOn) throw new RuleViolationException("evaluation_voting_over", "workflow.evaluations.voting_over");
        if (today < round.StartsOn)
            throw new RuleViolationException("evaluation_voting_not_started", "workflow.evaluations.voting_not_started", round.StartsOn.ToString("yyyy-MM-dd"));

        var subjects = await db.QueryAsync<Guid>("select subject_id from workflow.evaluation_subject where round_id = @RoundId", request, ct);
        var marks = BallotMarks.Check(round, subjects, request.Marks ?? []);

        // Who voted. The primary key makes it one ballot per voter: a second (even concurrent) attempt inserts nothing.
        var first = await db.ExecuteAsync("""
            insert into workflow.ballot_voter (round_id, person_id) values (@RoundId, @personId) on conflict do nothing
            """, new { request.RoundId, personId }, ct);
        if (first == 0) throw new AppException(409, "already_voted", "workflow.evaluations.already_voted");
        // What was voted: a random id, the round, the marks — nothing that points back to the row above.
        await db.ExecuteAsync("insert into workflow.ballot (round_id, marks) values (@RoundId, @marks::jsonb)",
            new { request.RoundId, marks = JsonSerializer.Serialize(marks, EvaluationRounds.Json) }, ct);
        return new CastBallotResult(request.RoundId, true);
    }
}

internal static class CastBallotEndpoint
{
    public static void MapCastBallot(this IEndpointRouteBuilder api) =>
        api.MapPost("/evaluations/rounds/{roundId:guid}/ballot", (Guid roundId, BallotBody body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new CastBallot(roundId, body.Marks), ct))
            .WithName("CastBallot").WithSummary("投票（匿名：只记录谁已投票，不记录谁投了什么；每人每轮一票，投后不可查看或更改）")
            .RequirePermission(WorkflowPermissions.Self);

    internal sealed record BallotBody(IReadOnlyList<BallotMark>? Marks);
}
