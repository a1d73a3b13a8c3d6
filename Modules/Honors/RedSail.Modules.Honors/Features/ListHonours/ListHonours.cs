using RedSail.Modules.Honors.Contracts;
using RedSail.Modules.Honors.Features.Honours;

namespace RedSail.Modules.Honors.Features.ListHonours;

/// <summary>Honours in the caller's scope by <see cref="HonourFilter"/>, newest first, a page at a time (the approval queue is status=pending).</summary>
internal sealed record ListHonours(HonourFilter Filter, int Page = 1, int PageSize = 20) : IQuery<Paged<HonourSummary>>;

internal sealed class ListHonoursHandler(HonorsDb db, RequestContext context) : IRequestHandler<ListHonours, Paged<HonourSummary>>
{
    public async Task<Paged<HonourSummary>> Handle(ListHonours q, CancellationToken cancellationToken)
    {
        var paging = Paging.Of(q.Page, q.PageSize);
        using var grid = await db.QueryMultipleAsync($"""
            select {HonourSummary.Columns} from {HonourFilter.From} where {q.Filter.Where}
            order by h.awarded_on desc, h.proposed_at desc, h.id limit @Limit offset @Offset;
            select count(*) from {HonourFilter.From} where {q.Filter.Where};
            """, q.Filter.Parameters(context, new { paging.Limit, paging.Offset }), cancellationToken);
        var items = (await grid.ReadAsync<HonourSummary>()).ToList();
        return new Paged<HonourSummary>(items, await grid.ReadSingleAsync<long>(), paging.Page, paging.PageSize);
    }
}

internal static class ListHonoursEndpoint
{
    public static void MapListHonours(this IEndpointRouteBuilder api) =>
        api.MapGet("/honours", (string? status, string? level, string? type, int? year, Guid? organizationId, string? name, int? page, int? pageSize,
                IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListHonours(new HonourFilter(status, level, type, year, organizationId, name), page ?? 1, pageSize ?? 20), ct))
            .WithName("ListHonours").WithSummary("荣誉库查询：按状态（默认已入库）、级别、类型、年度、组织、姓名或名称筛选，分页")
            .RequirePermission(HonorsPermissions.Read);
}
