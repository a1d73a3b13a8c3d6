using System.Text.Json;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Features.Evaluations;

namespace RedSail.Modules.Workflow.Features.GetEvaluationResults;

/// <summary>
/// A closed round's results: turnout, validity, how many got each grade (for the chart), and per subject (paged) the counts
/// by grade or the item averages, the score and the proposed grade. An open round shows nothing (422): partial counts
/// would sway the rest of the vote.
/// </summary>
internal sealed record GetEvaluationResults(Guid RoundId, int Page = 1, int PageSize = 50) : IQuery<EvaluationResults>;

internal sealed record EvaluationResults(Guid RoundId, string Kind, int Year, string Title, bool Valid, int EligibleCount, int BallotCount,
    decimal Turnout, IReadOnlyDictionary<string, int> Grades, Paged<SubjectResult> Subjects);

internal sealed record SubjectResult(Guid SubjectId, string Name, IReadOnlyDictionary<string, decimal> Counts, decimal? Score, string? Grade);

internal sealed class GetEvaluationResultsHandler(WorkflowDb db, RequestContext context) : IRequestHandler<GetEvaluationResults, EvaluationResults>
{
    public async Task<EvaluationResults> Handle(GetEvaluationResults q, CancellationToken ct)
    {
        var round = await EvaluationRounds.LoadAsync(db, context, WorkflowPermissions.Read, q.RoundId, ct);
        if (round.IsOpen) throw new RuleViolationException("evaluation_results_hidden", "workflow.evaluations.results_hidden");
        var paging = Paging.Of(q.Page, q.PageSize);
        using var grid = await db.QueryMultipleAsync("""
            select subject_id, name, counts::text as counts, score, grade from workflow.evaluation_result where round_id = @RoundId
            order by score desc nulls last, name collate "zh-x-icu", subject_id
            limit @Limit offset @Offset;
            select count(*) from workflow.evaluation_result where round_id = @RoundId;
            select grade, count(*)::int from workflow.evaluation_result where round_id = @RoundId and grade is not null group by grade;
            """, new { q.RoundId, paging.Limit, paging.Offset }, ct);
        var rows = (await grid.ReadAsync<Row>()).ToList();
        var total = await grid.ReadSingleAsync<long>();
        var grades = (await grid.ReadAsync<(string Grade, int Count)>()).ToDictionary(g => g.Grade, g => g.Count);
        int eligible = round.EligibleCount ?? 0, ballots = round.BallotCount ?? 0;
        return new EvaluationResults(round.Id, round.Kind, round.Year, round.Title, round.Valid ?? false, eligible, ballots,
            eligible == 0 ? 0 : Math.Round((decimal)ballots / eligible, 4), grades,
            new Paged<SubjectResult>(rows.Select(r => new SubjectResult(r.SubjectId, r.Name,
                JsonSerializer.Deserialize<Dictionary<string, decimal>>(r.Counts) ?? [], r.Score, r.Grade)).ToList(), total, paging.Page, paging.PageSize));
    }

    private sealed class Row
    {
        public Guid SubjectId { get; init; }
        public string Name { get; init; } = "";
        public string Counts { get; init; } = "{}";
        public decimal? Score { get; init; }
        public string? Grade { get; init; }
    }
}

internal static class GetEvaluationResultsEndpoint
{
    public static void MapGetEvaluationResults(this IEndpointRouteBuilder api) =>
        api.MapGet("/evaluations/rounds/{roundId:guid}/results", (Guid roundId, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetEvaluationResults(roundId, page ?? 1, pageSize ?? 50), ct))
            .WithName("GetEvaluationResults").WithSummary("测评/评议结果（仅在投票结束后可查看）：参与率、各等次人数、逐项得分或票数")
            .RequirePermission(WorkflowPermissions.Read);
}
