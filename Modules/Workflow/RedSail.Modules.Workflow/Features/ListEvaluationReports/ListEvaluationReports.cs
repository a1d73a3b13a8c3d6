using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Access;

namespace RedSail.Modules.Workflow.Features.ListEvaluationReports;

/// <summary>The branches of a 述职测评 round with their report (if any): status, text, file, and why it was returned.</summary>
internal sealed record ListEvaluationReports(Guid RoundId, int Page = 1, int PageSize = 20) : IQuery<Paged<EvaluationReportView>>;

internal sealed class EvaluationReportView
{
    public Guid OrganizationId { get; init; }
    public string OrganizationName { get; init; } = "";
    /// <summary>missing | submitted | returned</summary>
    public string Status { get; init; } = "";
    public string? Text { get; init; }
    public Guid? AttachmentId { get; init; }
    public string? FileName { get; init; }
    public string? ReturnReason { get; init; }
    public DateTime? SubmittedAt { get; init; }
    public long? Version { get; init; }
}

internal sealed class ListEvaluationReportsHandler(WorkflowDb db, RequestContext context) : IRequestHandler<ListEvaluationReports, Paged<EvaluationReportView>>
{
    public async Task<Paged<EvaluationReportView>> Handle(ListEvaluationReports q, CancellationToken ct)
    {
        // The committee sees every branch's report; a branch secretary only their own branches'.
        var paging = Paging.Of(q.Page, q.PageSize);
        var visible = $"""
            s.round_id = @RoundId
            and exists (select 1 from workflow.evaluation_round r join workflow.organization ro on ro.id = r.organization_id
                        where r.id = s.round_id and ({WorkflowScope.Within("ro")} or {WorkflowScope.Within("so")}))
            """;
        using var grid = await db.QueryMultipleAsync($"""
            select s.subject_id as organization_id, s.name as organization_name, coalesce(e.status, 'missing') as status, e.text,
                   e.attachment_id, a.file_name, e.return_reason, e.submitted_at, e.version
            from workflow.evaluation_subject s
            left join workflow.evaluation_report e on e.round_id = s.round_id and e.organization_id = s.subject_id
            left join workflow.evaluation_attachment a on a.id = e.attachment_id
            join workflow.organization so on so.id = s.subject_id
            where {visible}
            order by s.name collate "zh-x-icu", s.subject_id
            limit @Limit offset @Offset;
            select count(*) from workflow.evaluation_subject s join workflow.organization so on so.id = s.subject_id where {visible};
            """, WorkflowScope.Parameters(context.Principal.ScopeFor(WorkflowPermissions.Read), new { q.RoundId, paging.Limit, paging.Offset }), ct);
        var rows = (await grid.ReadAsync<EvaluationReportView>()).ToList();
        return new Paged<EvaluationReportView>(rows, await grid.ReadSingleAsync<long>(), paging.Page, paging.PageSize);
    }
}

internal static class ListEvaluationReportsEndpoint
{
    public static void MapListEvaluationReports(this IEndpointRouteBuilder api) =>
        api.MapGet("/evaluations/rounds/{roundId:guid}/reports", (Guid roundId, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListEvaluationReports(roundId, page ?? 1, pageSize ?? 20), ct))
            .WithName("ListEvaluationReports").WithSummary("述职测评各支部的述职报告及提交状态")
            .RequirePermission(WorkflowPermissions.Read);
}
