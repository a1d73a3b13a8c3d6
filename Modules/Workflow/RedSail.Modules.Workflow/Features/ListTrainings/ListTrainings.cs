using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;

namespace RedSail.Modules.Workflow.Features.ListTrainings;

/// <summary>Training records in an organisation's subtree (or the caller's scope), of a year, newest first; the post of committee members.</summary>
internal sealed record ListTrainings(Guid? OrganizationId, int? Year, Guid? PersonId, int Page = 1, int PageSize = 20) : IQuery<TrainingList>;

internal sealed record TrainingList(IReadOnlyList<TrainingView> Items, long Total, int Page, int PageSize, decimal TotalHours);

internal sealed class TrainingView
{
    public Guid Id { get; init; }
    public Guid PersonId { get; init; }
    public string PersonName { get; init; } = "";
    public string? Post { get; init; }
    public Guid OrganizationId { get; init; }
    public string OrganizationName { get; init; } = "";
    public string Title { get; init; } = "";
    public string Organizer { get; init; } = "";
    public DateOnly TrainingDate { get; init; }
    public decimal TrainingHours { get; init; }
    public string TrainingKind { get; init; } = "";
}

internal sealed class ListTrainingsHandler(WorkflowDb db, RequestContext context) : IRequestHandler<ListTrainings, TrainingList>
{
    public async Task<TrainingList> Handle(ListTrainings q, CancellationToken cancellationToken)
    {
        var paging = Paging.Of(q.Page, q.PageSize);
        var where = $"""
            {WorkflowScope.Within("o")} and (@year::int is null or extract(year from r.held_on) = @year)
            and (@personId::uuid is null or r.person_id = @personId)
            and (@organizationId::uuid is null or o.path <@ (select path from workflow.organization where id = @organizationId))
            """;
        const string from = """
            workflow.training_record r join workflow.organization o on o.id = r.organization_id join workflow.person p on p.id = r.person_id
            """;
        using var grid = await db.QueryMultipleAsync($"""
            select r.id, r.person_id, p.name as person_name,
                   (select s.post from workflow.committee_seat s where s.person_id = r.person_id limit 1) as post,
                   r.organization_id, o.name as organization_name, r.title, r.organizer, r.held_on as training_date, r.hours as training_hours,
                   r.kind as training_kind
            from {from} where {where}
            order by r.held_on desc, r.id limit @Limit offset @Offset;
            select count(*), coalesce(sum(r.hours), 0) from {from} where {where};
            """, WorkflowScope.Parameters(context.Principal.ScopeFor(WorkflowPermissions.Read),
                new { q.OrganizationId, q.Year, q.PersonId, paging.Limit, paging.Offset }), cancellationToken);
        var items = (await grid.ReadAsync<TrainingView>()).ToList();
        var (total, hours) = await grid.ReadSingleAsync<(long, decimal)>();
        return new TrainingList(items, total, paging.Page, paging.PageSize, hours);
    }
}

internal static class ListTrainingsEndpoint
{
    public static void MapListTrainings(this IEndpointRouteBuilder api) =>
        api.MapGet("/trainings", (Guid? organizationId, int? year, Guid? personId, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListTrainings(organizationId, year, personId, page ?? 1, pageSize ?? 20), ct))
            .WithName("ListTrainings").WithSummary("支委培训记录（可按组织、年度、人员筛选；含学时合计）")
            .RequirePermission(WorkflowPermissions.Read);
}
