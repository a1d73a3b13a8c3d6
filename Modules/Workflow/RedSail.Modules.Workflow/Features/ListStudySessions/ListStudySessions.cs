using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;

namespace RedSail.Modules.Workflow.Features.ListStudySessions;

/// <summary>Study sessions in the caller's scope (or an organisation's subtree), of a year, newest first, with their number of participants.</summary>
internal sealed record ListStudySessions(Guid? OrganizationId, int? Year, int Page = 1, int PageSize = 20) : IQuery<Paged<StudySessionView>>;

internal sealed class StudySessionView
{
    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public string OrganizationName { get; init; } = "";
    public DateOnly SessionDate { get; init; }
    public string SessionTopic { get; init; } = "";
    public decimal SessionHours { get; init; }
    public string SessionKind { get; init; } = "";
    public int Participants { get; init; }
}

internal sealed class ListStudySessionsHandler(WorkflowDb db, RequestContext context) : IRequestHandler<ListStudySessions, Paged<StudySessionView>>
{
    public async Task<Paged<StudySessionView>> Handle(ListStudySessions q, CancellationToken cancellationToken)
    {
        var paging = Paging.Of(q.Page, q.PageSize);
        var where = $"""
            {WorkflowScope.Within("o")} and (@year::int is null or extract(year from s.held_on) = @year)
            and (@organizationId::uuid is null or o.path <@ (select path from workflow.organization where id = @organizationId))
            """;
        using var grid = await db.QueryMultipleAsync($"""
            select s.id, s.organization_id, o.name as organization_name, s.held_on as session_date, s.topic as session_topic, s.hours as session_hours,
                   s.kind as session_kind, (select count(*)::int from workflow.study_participant sp where sp.session_id = s.id) as participants
            from workflow.study_session s join workflow.organization o on o.id = s.organization_id
            where {where} order by s.held_on desc, s.id limit @Limit offset @Offset;
            select count(*) from workflow.study_session s join workflow.organization o on o.id = s.organization_id where {where};
            """, WorkflowScope.Parameters(context.Principal.ScopeFor(WorkflowPermissions.Read), new { q.OrganizationId, q.Year, paging.Limit, paging.Offset }),
            cancellationToken);
        var items = (await grid.ReadAsync<StudySessionView>()).ToList();
        return new Paged<StudySessionView>(items, await grid.ReadSingleAsync<long>(), paging.Page, paging.PageSize);
    }
}

internal static class ListStudySessionsEndpoint
{
    public static void MapListStudySessions(this IEndpointRouteBuilder api) =>
        api.MapGet("/study-sessions", (Guid? organizationId, int? year, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListStudySessions(organizationId, year, page ?? 1, pageSize ?? 20), ct))
            .WithName("ListStudySessions").WithSummary("集中学习记录（含参加人数）")
            .RequirePermission(WorkflowPermissions.Read);
}
