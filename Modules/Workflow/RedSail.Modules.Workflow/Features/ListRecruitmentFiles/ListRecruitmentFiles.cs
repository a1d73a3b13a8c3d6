using RedSail.BuildingBlocks.Localization;
using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;

namespace RedSail.Modules.Workflow.Features.ListRecruitmentFiles;

/// <summary>
/// The recruitment board: files in the caller's scope (optionally one organisation's subtree), by stage with counts, soonest due
/// first, overdue flagged. <see cref="State"/>: <c>active</c> (under way, the default), <c>finished</c> (all 25 steps) or <c>closed</c>.
/// </summary>
internal sealed record ListRecruitmentFiles(Guid? OrganizationId, int? Stage, string? State, bool OverdueOnly, int Page = 1, int PageSize = 20)
    : IQuery<RecruitmentBoard>;

internal sealed record RecruitmentBoard(IReadOnlyList<RecruitmentCard> Items, long Total, int Page, int PageSize, IReadOnlyList<StageCount> Stages);

internal sealed record StageCount(int Stage, string Name, long Count, long Overdue);

internal sealed record RecruitmentCard(Guid Id, Guid PersonId, string PersonName, Guid OrganizationId, string OrganizationName, DateOnly AppliedOn,
    int Stage, int NextStep, string? NextStepName, DateOnly? NextDueOn, DateOnly? NextEarliestOn, bool Overdue, string Status, long Version);

internal sealed class ListRecruitmentFilesValidator : IValidator<ListRecruitmentFiles>
{
    public void Validate(ListRecruitmentFiles request, ValidationErrors errors)
    {
        if (request.Stage is { } stage) errors.Between("stage", stage, 1, 5);
        if (request.State is not (null or "active" or "finished" or "closed")) errors.Add("state", "validation.invalid");
    }
}

internal sealed class ListRecruitmentFilesHandler(WorkflowDb db, RequestContext context, IClock clock, MessageCatalog messages)
    : IRequestHandler<ListRecruitmentFiles, RecruitmentBoard>
{
    public async Task<RecruitmentBoard> Handle(ListRecruitmentFiles q, CancellationToken cancellationToken)
    {
        var paging = Paging.Of(q.Page, q.PageSize);
        var state = (q.State ?? "active") switch
        {
            "finished" => $"f.status <> 'closed' and f.next_step > {RecruitmentSteps.Last}",
            "closed" => "f.status = 'closed'",
            _ => $"f.status <> 'closed' and f.next_step <= {RecruitmentSteps.Last}",
        };
        var where = $"""
            {state} and {WorkflowScope.Within("o")}
            and (@organizationId::uuid is null or o.path <@ (select path from workflow.organization where id = @organizationId))
            and (not @overdueOnly or f.next_due_on < @today)
            """;
        var parameters = WorkflowScope.Parameters(context.Principal.ScopeFor(WorkflowPermissions.Read),
            new { q.OrganizationId, q.Stage, overdueOnly = q.OverdueOnly, today = clock.Today, paging.Limit, paging.Offset });
        using var grid = await db.QueryMultipleAsync($"""
            select f.id, f.person_id, p.name as person_name, f.organization_id, o.name as organization_name, f.applied_on, f.stage, f.next_step,
                   f.next_due_on, f.next_earliest_on, f.status, f.version
            from workflow.recruitment_file f
            join workflow.organization o on o.id = f.organization_id
            join workflow.person p on p.id = f.person_id
            where {where} and (@stage::int is null or f.stage = @stage)
            order by f.next_due_on nulls last, f.next_earliest_on nulls last, p.name, f.id
            limit @Limit offset @Offset;
            select f.stage, count(*) as count, count(*) filter (where f.next_due_on < @today) as overdue
            from workflow.recruitment_file f join workflow.organization o on o.id = f.organization_id
            where {where} group by f.stage;
            """, parameters, cancellationToken);
        var rows = (await grid.ReadAsync<Row>()).ToList();
        var stages = (await grid.ReadAsync<(int Stage, long Count, long Overdue)>()).ToDictionary(s => s.Stage);
        var today = clock.Today;
        return new RecruitmentBoard(
            rows.Select(r => new RecruitmentCard(r.Id, r.PersonId, r.PersonName, r.OrganizationId, r.OrganizationName, r.AppliedOn, r.Stage, r.NextStep,
                RecruitmentSteps.Exists(r.NextStep) ? messages.Get(RecruitmentSteps.Get(r.NextStep).NameKey) : null,
                r.NextDueOn, r.NextEarliestOn, r.Status != RecruitmentStatuses.Closed && r.NextDueOn < today, r.Status, r.Version)).ToList(),
            q.Stage is { } s ? stages.GetValueOrDefault(s).Count : stages.Values.Sum(v => v.Count), paging.Page, paging.PageSize,
            Enumerable.Range(1, 5).Select(n => new StageCount(n, messages.Get($"workflow.recruitment.stage.{n}"),
                stages.GetValueOrDefault(n).Count, stages.GetValueOrDefault(n).Overdue)).ToList());
    }

    private sealed class Row
    {
        public Guid Id { get; init; }
        public Guid PersonId { get; init; }
        public string PersonName { get; init; } = "";
        public Guid OrganizationId { get; init; }
        public string OrganizationName { get; init; } = "";
        public DateOnly AppliedOn { get; init; }
        public int Stage { get; init; }
        public int NextStep { get; init; }
        public DateOnly? NextDueOn { get; init; }
        public DateOnly? NextEarliestOn { get; init; }
        public string Status { get; init; } = "";
        public long Version { get; init; }
    }
}

internal static class ListRecruitmentFilesEndpoint
{
    public static void MapListRecruitmentFiles(this IEndpointRouteBuilder api) =>
        api.MapGet("/recruitment/files", (Guid? organizationId, int? stage, string? state, bool? overdue, int? page, int? pageSize, IMediator mediator,
                CancellationToken ct) => mediator.Send(new ListRecruitmentFiles(organizationId, stage, state, overdue ?? false, page ?? 1, pageSize ?? 20), ct))
            .WithName("ListRecruitmentFiles").WithSummary("发展党员看板（按阶段计数、逾期标记、组织范围、分页）")
            .RequirePermission(WorkflowPermissions.Read);
}
