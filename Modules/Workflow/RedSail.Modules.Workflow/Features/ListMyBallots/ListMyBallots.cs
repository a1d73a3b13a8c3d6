using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Evaluations;

namespace RedSail.Modules.Workflow.Features.ListMyBallots;

/// <summary>
/// 「我的投票」: the open rounds where the caller (by their account's employee number) may vote, newest first; for each,
/// whether they already voted, and — until they have — whom to grade (and the score sheet). Never what they voted.
/// </summary>
internal sealed record ListMyBallots(int Page = 1, int PageSize = 20) : IQuery<MyBallots>;

internal sealed record MyBallots(bool Linked, IReadOnlyList<MyBallot> Items, long Total, int Page, int PageSize);

internal sealed record MyBallot(Guid RoundId, string Kind, int Year, string Title, string OrganizationName, DateOnly StartsOn, DateOnly EndsOn,
    bool Voted, bool Started, IReadOnlyList<ScoreItem> Items, IReadOnlyList<BallotSubject> Subjects);

internal sealed record BallotSubject(Guid Id, string Name);

internal sealed class ListMyBallotsHandler(WorkflowDb db, RequestContext context, IClock clock) : IRequestHandler<ListMyBallots, MyBallots>
{
    public async Task<MyBallots> Handle(ListMyBallots q, CancellationToken ct)
    {
        var paging = Paging.Of(q.Page, q.PageSize);
        var personId = await EvaluationRounds.MyPersonAsync(db, context, WorkflowPermissions.Self, ct);
        if (personId is null) return new MyBallots(false, [], 0, paging.Page, paging.PageSize);
        const string Mine = """
            from workflow.evaluation_round r
            join workflow.evaluation_voter v on v.round_id = r.id and v.person_id = @personId
            join workflow.organization o on o.id = r.organization_id
            where r.status = 'open' and r.ends_on >= @today
            """;
        using var grid = await db.QueryMultipleAsync($"""
            select {EvaluationRounds.Columns}, exists (select 1 from workflow.ballot_voter b where b.round_id = r.id and b.person_id = @personId) as voted
            {Mine}
            order by r.ends_on, r.id
            limit @Limit offset @Offset;
            select count(*) {Mine};
            """, new { personId, today = clock.Today, paging.Limit, paging.Offset }, ct);
        var rounds = (await grid.ReadAsync<MyRound>()).ToList();
        var total = await grid.ReadSingleAsync<long>();
        // Whom to grade, for the rounds not voted yet (one query for the page).
        var subjects = (await db.QueryAsync<SubjectRow>("""
            select s.round_id, s.subject_id as id, s.name from workflow.evaluation_subject s
            where s.round_id = any(@ids) order by s.round_id, s.name collate "zh-x-icu", s.subject_id
            """, new { ids = rounds.Where(r => !r.Voted).Select(r => r.Id).ToArray() }, ct))
            .ToLookup(s => s.RoundId, s => new BallotSubject(s.Id, s.Name));
        var today = clock.Today;
        return new MyBallots(true, rounds.Select(r => new MyBallot(r.Id, r.Kind, r.Year, r.Title, r.OrganizationName, r.StartsOn, r.EndsOn, r.Voted,
            today >= r.StartsOn, r.Voted ? [] : EvaluationRounds.ReadConfig(r.Config).Items, subjects[r.Id].ToList())).ToList(),
            total, paging.Page, paging.PageSize);
    }

    private sealed class MyRound
    {
        public Guid Id { get; init; }
        public string OrganizationName { get; init; } = "";
        public string Kind { get; init; } = "";
        public int Year { get; init; }
        public string Title { get; init; } = "";
        public DateOnly StartsOn { get; init; }
        public DateOnly EndsOn { get; init; }
        public string Config { get; init; } = "{}";
        public bool Voted { get; init; }
    }

    private sealed class SubjectRow
    {
        public Guid RoundId { get; init; }
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
    }
}

internal static class ListMyBallotsEndpoint
{
    public static void MapListMyBallots(this IEndpointRouteBuilder api) =>
        api.MapGet("/evaluations/my-ballots", (int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListMyBallots(page ?? 1, pageSize ?? 20), ct))
            .WithName("ListMyBallots").WithSummary("我的投票：本人可参加、尚在进行的测评和评议（已投票的只显示“已投票”）")
            .RequirePermission(WorkflowPermissions.Self);
}
