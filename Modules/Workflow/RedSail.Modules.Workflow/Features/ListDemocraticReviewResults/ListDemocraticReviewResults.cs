using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;

namespace RedSail.Modules.Workflow.Features.ListDemocraticReviewResults;

/// <summary>
/// 民主评议党员 results of a year for the members of an organisation's subtree (valid rounds only): each member's grade with
/// the votes — what supervision and the year-end 评比 read.
/// </summary>
internal sealed record ListDemocraticReviewResults(Guid OrganizationId, int Year, string? Grade, int Page = 1, int PageSize = 50)
    : IQuery<Paged<MemberReviewResult>>;

internal sealed class MemberReviewResult
{
    public Guid PersonId { get; init; }
    public string Name { get; init; } = "";
    public Guid OrganizationId { get; init; }
    public string OrganizationName { get; init; } = "";
    public string Grade { get; init; } = "";
    public string Counts { get; init; } = "{}";
}

internal sealed class ListDemocraticReviewResultsHandler(WorkflowDb db, RequestContext context)
    : IRequestHandler<ListDemocraticReviewResults, Paged<MemberReviewResult>>
{
    public async Task<Paged<MemberReviewResult>> Handle(ListDemocraticReviewResults q, CancellationToken ct)
    {
        var organization = await WorkflowScope.EnsureAsync(db, context, WorkflowPermissions.Read, q.OrganizationId, ct);
        var paging = Paging.Of(q.Page, q.PageSize);
        const string From = $"""
            from workflow.evaluation_result e
            join workflow.evaluation_round r on r.id = e.round_id
            join workflow.organization o on o.id = r.organization_id
            where r.kind = '{EvaluationKinds.DemocraticReview}' and r.year = @Year and r.status = 'closed' and r.valid
              and o.path <@ @path::ltree and (@Grade::text is null or e.grade = @Grade)
            """;
        using var grid = await db.QueryMultipleAsync($"""
            select e.subject_id as person_id, e.name, o.id as organization_id, o.name as organization_name, e.grade, e.counts::text as counts
            {From}
            order by o.path, e.name collate "zh-x-icu", e.subject_id
            limit @Limit offset @Offset;
            select count(*) {From};
            """, new { q.Year, q.Grade, path = organization.Path, paging.Limit, paging.Offset }, ct);
        var rows = (await grid.ReadAsync<MemberReviewResult>()).ToList();
        return new Paged<MemberReviewResult>(rows, await grid.ReadSingleAsync<long>(), paging.Page, paging.PageSize);
    }
}

internal static class ListDemocraticReviewResultsEndpoint
{
    public static void MapListDemocraticReviewResults(this IEndpointRouteBuilder api) =>
        api.MapGet("/evaluations/democratic-reviews", (Guid organizationId, int year, string? grade, int? page, int? pageSize, IMediator mediator,
                    CancellationToken ct) => mediator.Send(new ListDemocraticReviewResults(organizationId, year, grade, page ?? 1, pageSize ?? 50), ct))
            .WithName("ListDemocraticReviewResults").WithSummary("某年度民主评议党员结果（按党员，含各等次票数）")
            .RequirePermission(WorkflowPermissions.Read);
}
