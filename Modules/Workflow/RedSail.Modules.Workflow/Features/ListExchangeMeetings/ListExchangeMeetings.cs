using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;

namespace RedSail.Modules.Workflow.Features.ListExchangeMeetings;

/// <summary>The quarterly exchange meetings of the committees in scope (or one organisation's subtree), of a year, newest first.</summary>
internal sealed record ListExchangeMeetings(Guid? OrganizationId, int? Year, int Page = 1, int PageSize = 20) : IQuery<Paged<ExchangeMeetingView>>;

internal sealed class ExchangeMeetingView
{
    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public string OrganizationName { get; init; } = "";
    public int Year { get; init; }
    public int Quarter { get; init; }
    public DateOnly ExchangeDate { get; init; }
    public string ExchangeTopic { get; init; } = "";
    public string? ExchangeSummary { get; init; }
    public string[] BranchNames { get; init; } = [];
}

internal sealed class ListExchangeMeetingsHandler(WorkflowDb db, RequestContext context) : IRequestHandler<ListExchangeMeetings, Paged<ExchangeMeetingView>>
{
    public async Task<Paged<ExchangeMeetingView>> Handle(ListExchangeMeetings q, CancellationToken cancellationToken)
    {
        var paging = Paging.Of(q.Page, q.PageSize);
        var where = $"""
            {WorkflowScope.Within("o")} and (@year::int is null or e.year = @year)
            and (@organizationId::uuid is null or o.path <@ (select path from workflow.organization where id = @organizationId))
            """;
        using var grid = await db.QueryMultipleAsync($"""
            select e.id, e.organization_id, o.name as organization_name, e.year, e.quarter, e.held_on as exchange_date, e.topic as exchange_topic,
                   e.summary as exchange_summary,
                   array(select b.name from workflow.organization b where b.id = any(e.branch_ids) order by b.path) as branch_names
            from workflow.exchange_meeting e join workflow.organization o on o.id = e.organization_id
            where {where} order by e.held_on desc, e.id limit @Limit offset @Offset;
            select count(*) from workflow.exchange_meeting e join workflow.organization o on o.id = e.organization_id where {where};
            """, WorkflowScope.Parameters(context.Principal.ScopeFor(WorkflowPermissions.Read), new { q.OrganizationId, q.Year, paging.Limit, paging.Offset }),
            cancellationToken);
        var items = (await grid.ReadAsync<ExchangeMeetingView>()).ToList();
        return new Paged<ExchangeMeetingView>(items, await grid.ReadSingleAsync<long>(), paging.Page, paging.PageSize);
    }
}

internal static class ListExchangeMeetingsEndpoint
{
    public static void MapListExchangeMeetings(this IEndpointRouteBuilder api) =>
        api.MapGet("/exchange-meetings", (Guid? organizationId, int? year, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListExchangeMeetings(organizationId, year, page ?? 1, pageSize ?? 20), ct))
            .WithName("ListExchangeMeetings").WithSummary("季度交流会记录")
            .RequirePermission(WorkflowPermissions.Read);
}
