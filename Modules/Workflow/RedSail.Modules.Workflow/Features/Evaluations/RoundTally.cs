using System.Text.Json;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.CloseEvaluationRound;

namespace RedSail.Modules.Workflow.Features.Evaluations;

/// <summary>
/// Closes a round and tallies it: counts per grade (民主评议) or average points per sheet item (述职测评), aggregated in SQL
/// over all ballots at once, then graded by the round's own thresholds; too low a turnout closes it as invalid (no grades).
/// The ballots are first rewritten in random order with new ids, so that neither their physical order nor their transaction
/// ids (xmin — shared with the voter's row while the round was open, both being written by the same transaction) can tie a
/// ballot to a voter any more. Announces <see cref="EvaluationRoundClosed"/> (and <see cref="DemocraticReviewCompleted"/>).
/// The caller holds the round's row lock.
/// </summary>
internal static class RoundTally
{
    public static async Task<ClosedEvaluationRound> CloseAsync(WorkflowDb db, EvaluationRound round, CancellationToken ct)
    {
        var config = round.Settings;

        var democratic = round.Kind == EvaluationKinds.DemocraticReview;
        using var grid = await db.QueryMultipleAsync($"""
            with taken as (delete from workflow.ballot where round_id = @RoundId returning marks)
            insert into workflow.ballot (round_id, marks) select @RoundId, marks from taken order by random();
            select (select count(*)::int from workflow.evaluation_voter where round_id = @RoundId),
                   (select count(*)::int from workflow.ballot_voter where round_id = @RoundId);
            select subject_id, name from workflow.evaluation_subject where round_id = @RoundId;
            {(democratic ? GradeCountsSql : ItemAveragesSql)}
            """, new { RoundId = round.Id }, ct);
        var (eligible, ballots) = await grid.ReadSingleAsync<(int, int)>();
        var subjects = (await grid.ReadAsync<(Guid SubjectId, string Name)>()).ToList();
        var tallies = (await grid.ReadAsync<MarkTally>()).ToLookup(t => t.SubjectId);
        var valid = EvaluationTally.IsValid(ballots, eligible, config);

        var results = subjects.Select(s =>
        {
            var marks = tallies[s.SubjectId].ToList();
            if (democratic)
            {
                var votes = marks.ToDictionary(m => m.Mark, m => m.Count);
                return new Result(s.SubjectId, s.Name, JsonSerializer.Serialize(votes), null,
                    valid ? EvaluationTally.ReviewGrade(votes, ballots, config) : null);
            }
            var averages = marks.ToDictionary(m => m.Mark, m => Math.Round(m.Average ?? 0, 2));
            // A branch's score: the average over ballots of each ballot's total, i.e. the sum of the item averages.
            decimal? score = ballots == 0 ? null : Math.Round(marks.Sum(m => m.Average ?? 0), 2);
            return new Result(s.SubjectId, s.Name, JsonSerializer.Serialize(averages), score,
                valid && score is { } total ? EvaluationTally.BranchGrade(total, config) : null);
        }).ToList();

        var version = await db.QuerySingleAsync<long>("""
            insert into workflow.evaluation_result (round_id, subject_id, name, counts, score, grade)
            select @RoundId, r.subject_id, r.name, r.counts::jsonb, r.score, r.grade
            from unnest(@subjectIds, @names, @counts, @scores, @grades) as r(subject_id, name, counts, score, grade);
            update workflow.evaluation_round
            set status = 'closed', closed_at = now(), eligible_count = @eligible, ballot_count = @ballots, valid = @valid, version = version + 1
            where id = @RoundId
            returning version;
            """, new
            {
                RoundId = round.Id, eligible, ballots, valid,
                subjectIds = results.Select(r => r.SubjectId).ToArray(), names = results.Select(r => r.Name).ToArray(),
                counts = results.Select(r => r.Counts).ToArray(), scores = results.Select(r => r.Score).ToArray(),
                grades = results.Select(r => r.Grade).ToArray(),
            }, ct);

        var events = new List<BuildingBlocks.Events.IntegrationEvent>
        {
            new EvaluationRoundClosed(round.Id, round.OrganizationId, round.Kind, round.Year, valid, eligible, ballots,
                results.Select(r => new EvaluationOutcome(r.SubjectId, r.Score, r.Grade)).ToList()),
        };
        if (valid && round.Kind == EvaluationKinds.DemocraticReview)
            events.Add(new DemocraticReviewCompleted(round.OrganizationId, round.Year,
                results.Select(r => new MemberReviewGrade(r.SubjectId, r.Grade!)).ToList()));
        await db.PublishAsync(events, ct);
        return new ClosedEvaluationRound(round.Id, valid, eligible, ballots, version);
    }

    /// <summary>民主评议: votes per member and grade.</summary>
    private const string GradeCountsSql = """
        select (s.key)::uuid as subject_id, s.value #>> '{}' as mark, count(*)::int as count, null::numeric as average
        from workflow.ballot b cross join jsonb_each(b.marks) s
        where b.round_id = @RoundId
        group by 1, 2;
        """;

    /// <summary>述职测评: average points per branch and sheet item.</summary>
    private const string ItemAveragesSql = """
        select (s.key)::uuid as subject_id, i.key as mark, count(*)::int as count, avg(i.value::numeric) as average
        from workflow.ballot b cross join jsonb_each(b.marks) s cross join jsonb_each_text(s.value) i
        where b.round_id = @RoundId
        group by 1, 2;
        """;

    private sealed class MarkTally
    {
        public Guid SubjectId { get; init; }
        public string Mark { get; init; } = "";
        public int Count { get; init; }
        public decimal? Average { get; init; }
    }

    private sealed record Result(Guid SubjectId, string Name, string Counts, decimal? Score, string? Grade);
}

