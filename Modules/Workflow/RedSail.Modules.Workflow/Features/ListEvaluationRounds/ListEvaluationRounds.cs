using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Evaluations;

namespace RedSail.Modules.Workflow.Features.ListEvaluationRounds;

/// <summary>
/// The rounds of the organisations in scope (optionally one organisation's subtree, a year, a kind), newest first, with the
/// live turnout (how many voted — never what) and, for 述职测评, how many branches have reported.
/// </summary>
internal sealed record ListEvaluationRounds(Guid? OrganizationId, int? Year, string? Kind, int Page = 1, int PageSize = 20)
    : IQuery<Paged<EvaluationRoundView>>;

internal sealed record EvaluationRoundView(Guid Id, Guid OrganizationId, string OrganizationName, string Kind, int Year, string Title,
    DateOnly StartsOn, DateOnly EndsOn, string Electorate, string Status, bool? Valid, int EligibleCount, int VotedCount, int SubjectCount,
    int ReportsSubmitted, EvaluationConfig Config, long Version);

internal sealed class ListEvaluationRoundsHandler(WorkflowDb db, RequestContext context) : IRequestHandler<ListEvaluationRounds, Paged<EvaluationRoundView>>
{
    public async Task<Paged<EvaluationRoundView>> Handle(ListEvaluationRounds q, CancellationToken ct)
    {
        var paging = Paging.Of(q.Page, q.PageSize);
        var where = $"""
            {EvaluationRounds.Visible("r", "o")}
            and (@organizationId::uuid is null or o.path <@ (select path from workflow.organization where id = @organizationId))
            and (@year::int is null or r.year = @year) and (@kind::text is null or r.kind = @kind)
            """;
        using var grid = await db.QueryMultipleAsync($"""
            select {EvaluationRounds.Columns},
                   (select count(*)::int from workflow.evaluation_voter v where v.round_id = r.id) as live_eligible,
                   (select count(*)::int from workflow.ballot_voter b where b.round_id = r.id) as voted_count,
                   (select count(*)::int from workflow.evaluation_subject s where s.round_id = r.id) as subject_count,
                   (select count(*)::int from workflow.evaluation_report e where e.round_id = r.id and e.status = 'submitted') as reports_submitted
            from workflow.evaluation_round r join workflow.organization o on o.id = r.organization_id
            where {where}
            order by r.year desc, r.opened_at desc, r.id
            limit @Limit offset @Offset;
            select count(*) from workflow.evaluation_round r join workflow.organization o on o.id = r.organization_id where {where};
            """, Access.WorkflowScope.Parameters(context.Principal.ScopeFor(WorkflowPermissions.Read),
            new { q.OrganizationId, q.Year, q.Kind, paging.Limit, paging.Offset }), ct);
        var rows = await grid.ReadAsync<Row>();
        var total = await grid.ReadSingleAsync<long>();
        return new Paged<EvaluationRoundView>(rows.Select(r => new EvaluationRoundView(r.Id, r.OrganizationId, r.OrganizationName, r.Kind, r.Year,
            r.Title, r.StartsOn, r.EndsOn, r.Electorate, r.Status, r.Valid, r.LiveEligible, r.VotedCount, r.SubjectCount, r.ReportsSubmitted,
            EvaluationRounds.ReadConfig(r.Config), r.Version)).ToList(), total, paging.Page, paging.PageSize);
    }

    private sealed class Row
    {
        public Guid Id { get; init; }
        public Guid OrganizationId { get; init; }
        public string OrganizationName { get; init; } = "";
        public string Kind { get; init; } = "";
        public int Year { get; init; }
        public string Title { get; init; } = "";
        public DateOnly StartsOn { get; init; }
        public DateOnly EndsOn { get; init; }
        public string Electorate { get; init; } = "";
        public string Config { get; init; } = "{}";
        public string Status { get; init; } = "";
        public long Version { get; init; }
        public bool? Valid { get; init; }
        public int LiveEligible { get; init; }
        public int VotedCount { get; init; }
        public int SubjectCount { get; init; }
        public int ReportsSubmitted { get; init; }
    }
}

internal static class ListEvaluationRoundsEndpoint
{
    public static void MapListEvaluationRounds(this IEndpointRouteBuilder api) =>
        api.MapGet("/evaluations/rounds", (Guid? organizationId, int? year, string? kind, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListEvaluationRounds(organizationId, year, kind, page ?? 1, pageSize ?? 20), ct))
            .WithName("ListEvaluationRounds").WithSummary("测评/评议轮次列表（含参与人数、述职提交数）")
            .RequirePermission(WorkflowPermissions.Read);
}
