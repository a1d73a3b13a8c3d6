using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;

namespace RedSail.Modules.Workflow.Features.ListStudyAchievements;

/// <summary>Study achievements of a year in the caller's scope (or a subtree); the showcase is <c>featured=true</c>. Featured first.</summary>
internal sealed record ListStudyAchievements(int? Year, Guid? OrganizationId, bool? Featured, int Page = 1, int PageSize = 20)
    : IQuery<Paged<StudyAchievementView>>;

internal sealed class StudyAchievementView
{
    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public string OrganizationName { get; init; } = "";
    public Guid? PersonId { get; init; }
    public string? PersonName { get; init; }
    public int Year { get; init; }
    public string AchievementTitle { get; init; } = "";
    public string AchievementSummary { get; init; } = "";
    public bool Featured { get; init; }
}

internal sealed class ListStudyAchievementsHandler(WorkflowDb db, RequestContext context) : IRequestHandler<ListStudyAchievements, Paged<StudyAchievementView>>
{
    public async Task<Paged<StudyAchievementView>> Handle(ListStudyAchievements q, CancellationToken cancellationToken)
    {
        var paging = Paging.Of(q.Page, q.PageSize);
        var where = $"""
            {WorkflowScope.Within("o")} and (@year::int is null or a.year = @year) and (@featured::boolean is null or a.featured = @featured)
            and (@organizationId::uuid is null or o.path <@ (select path from workflow.organization where id = @organizationId))
            """;
        using var grid = await db.QueryMultipleAsync($"""
            select a.id, a.organization_id, o.name as organization_name, a.person_id, p.name as person_name, a.year, a.title as achievement_title,
                   a.summary as achievement_summary, a.featured
            from workflow.study_achievement a join workflow.organization o on o.id = a.organization_id left join workflow.person p on p.id = a.person_id
            where {where} order by a.year desc, a.featured desc, a.recorded_at desc, a.id limit @Limit offset @Offset;
            select count(*) from workflow.study_achievement a join workflow.organization o on o.id = a.organization_id where {where};
            """, WorkflowScope.Parameters(context.Principal.ScopeFor(WorkflowPermissions.Read),
                new { q.Year, q.OrganizationId, q.Featured, paging.Limit, paging.Offset }), cancellationToken);
        var items = (await grid.ReadAsync<StudyAchievementView>()).ToList();
        return new Paged<StudyAchievementView>(items, await grid.ReadSingleAsync<long>(), paging.Page, paging.PageSize);
    }
}

internal static class ListStudyAchievementsEndpoint
{
    public static void MapListStudyAchievements(this IEndpointRouteBuilder api) =>
        api.MapGet("/study-achievements", (int? year, Guid? organizationId, bool? featured, int? page, int? pageSize, IMediator mediator,
                CancellationToken ct) => mediator.Send(new ListStudyAchievements(year, organizationId, featured, page ?? 1, pageSize ?? 20), ct))
            .WithName("ListStudyAchievements").WithSummary("年度学习成果（featured=true 为评优展示）")
            .RequirePermission(WorkflowPermissions.Read);
}
