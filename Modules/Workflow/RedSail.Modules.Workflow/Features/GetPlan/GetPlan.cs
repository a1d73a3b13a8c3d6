using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;

namespace RedSail.Modules.Workflow.Features.GetPlan;

/// <summary>A plan with its progress per owning branch (tasks done of all not cancelled, overdue); its tasks page through ListPlanTasks.</summary>
internal sealed record GetPlan(Guid Id) : IQuery<PlanDetail>;

internal sealed record PlanDetail(Guid Id, Guid OrganizationId, string OrganizationName, int Year, string Level, string Title, string? PlanSummary,
    string Status, DateTime? PublishedAt, long Version, IReadOnlyList<BranchProgress> Progress);

internal sealed class BranchProgress
{
    public Guid OrganizationId { get; init; }
    public string OrganizationName { get; init; } = "";
    public int Total { get; init; }
    public int Done { get; init; }
    public int Overdue { get; init; }
}

internal sealed class GetPlanHandler(WorkflowDb db, RequestContext context, IClock clock) : IRequestHandler<GetPlan, PlanDetail>
{
    private sealed class Row
    {
        public Guid Id { get; init; }
        public Guid OrganizationId { get; init; }
        public string OrganizationName { get; init; } = "";
        public int Year { get; init; }
        public string Level { get; init; } = "";
        public string Title { get; init; } = "";
        public string? Summary { get; init; }
        public string Status { get; init; } = "";
        public DateTime? PublishedAt { get; init; }
        public long Version { get; init; }
    }

    public async Task<PlanDetail> Handle(GetPlan q, CancellationToken cancellationToken)
    {
        using var grid = await db.QueryMultipleAsync($"""
            select p.id, p.organization_id, o.name as organization_name, p.year, p.level, p.title, p.summary, p.status, p.published_at, p.version
            from workflow.plan p join workflow.organization o on o.id = p.organization_id
            where p.id = @Id and {WorkflowScope.Within("o")};
            select t.owner_organization_id as organization_id, oo.name as organization_name, count(*)::int as total,
                   count(*) filter (where t.status = 'done')::int as done,
                   count(*) filter (where t.status = 'open' and t.due_on < @today)::int as overdue
            from workflow.plan_task t join workflow.organization oo on oo.id = t.owner_organization_id
            where t.plan_id = @Id and t.status <> 'cancelled'
            group by t.owner_organization_id, oo.name, oo.path order by oo.path;
            """, WorkflowScope.Parameters(context.Principal.ScopeFor(WorkflowPermissions.Read), new { q.Id, today = clock.Today }), cancellationToken);
        var plan = await grid.ReadSingleOrDefaultAsync<Row>() ?? throw new NotFoundException("plan", q.Id.ToString());
        var progress = (await grid.ReadAsync<BranchProgress>()).ToList();
        return new PlanDetail(plan.Id, plan.OrganizationId, plan.OrganizationName, plan.Year, plan.Level, plan.Title, plan.Summary, plan.Status,
            plan.PublishedAt, plan.Version, progress);
    }
}

internal static class GetPlanEndpoint
{
    public static void MapGetPlan(this IEndpointRouteBuilder api) =>
        api.MapGet("/plans/{id:guid}", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetPlan(id), ct))
            .WithName("GetPlan").WithSummary("年度计划详情及各支部完成进度（完成数/总数、逾期数）")
            .RequirePermission(WorkflowPermissions.Read);
}
