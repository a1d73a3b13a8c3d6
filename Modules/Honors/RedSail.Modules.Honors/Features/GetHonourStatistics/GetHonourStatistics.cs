using RedSail.Modules.Honors.Contracts;
using RedSail.Modules.Honors.Features.Honours;

namespace RedSail.Modules.Honors.Features.GetHonourStatistics;

/// <summary>
/// Approved honours counted by year and level (and by type), for the years asked (the last five by default), under the same
/// filters as the list: one grouped query.
/// </summary>
internal sealed record GetHonourStatistics(int? FromYear, int? ToYear, string? Type, Guid? OrganizationId) : IQuery<HonourStatistics>;

internal sealed record HonourStatistics(int FromYear, int ToYear, IReadOnlyList<HonourCount> Counts);

internal sealed class HonourCount
{
    public int Year { get; init; }
    public string HonourLevel { get; init; } = "";
    public string HonourType { get; init; } = "";
    public int Count { get; init; }
}

internal sealed class GetHonourStatisticsHandler(HonorsDb db, RequestContext context, IClock clock) : IRequestHandler<GetHonourStatistics, HonourStatistics>
{
    public async Task<HonourStatistics> Handle(GetHonourStatistics q, CancellationToken cancellationToken)
    {
        var to = q.ToYear ?? clock.Today.Year;
        var from = Math.Clamp(q.FromYear ?? to - 4, to - 49, to);
        var filter = new HonourFilter(null, null, q.Type, null, q.OrganizationId, null);
        var counts = await db.QueryAsync<HonourCount>($"""
            select extract(year from h.awarded_on)::int as year, h.level as honour_level, h.type as honour_type, count(*)::int as count
            from {HonourFilter.From} where {filter.Where} and h.awarded_on >= make_date(@from, 1, 1) and h.awarded_on < make_date(@to + 1, 1, 1)
            group by 1, 2, 3 order by 1, 2, 3
            """, filter.Parameters(context, new { from, to }), cancellationToken);
        return new HonourStatistics(from, to, counts);
    }
}

internal static class GetHonourStatisticsEndpoint
{
    public static void MapGetHonourStatistics(this IEndpointRouteBuilder api) =>
        api.MapGet("/statistics", (int? fromYear, int? toYear, string? type, Guid? organizationId, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetHonourStatistics(fromYear, toYear, type, organizationId), ct))
            .WithName("GetHonourStatistics").WithSummary("荣誉统计：按年度、级别、类型计数（已入库）")
            .RequirePermission(HonorsPermissions.Read);
}
