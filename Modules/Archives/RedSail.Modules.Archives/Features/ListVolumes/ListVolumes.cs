using RedSail.Modules.Archives.Access;
using RedSail.Modules.Archives.Contracts;
using RedSail.Modules.Archives.Features.Volumes;

namespace RedSail.Modules.Archives.Features.ListVolumes;

/// <summary>The volumes the caller may open, newest first, by year and featured or not; each with the number of its documents the caller sees.</summary>
internal sealed record ListVolumes(int? Year, bool? Featured, int Page = 1, int PageSize = 20) : IQuery<Paged<VolumeSummary>>;

internal sealed class VolumeSummary
{
    public Guid Id { get; init; }
    public string Title { get; init; } = "";
    public string? Subtitle { get; init; }
    public string? CompiledBy { get; init; }
    public int Year { get; init; }
    public string? Description { get; init; }
    public bool Featured { get; init; }
    public bool HasCover { get; init; }
    public int SecurityLevel { get; init; }
    public long ItemCount { get; init; }
    public long Version { get; init; }
    public DateTime RecordedAt { get; init; }
}

internal sealed class ListVolumesHandler(ArchivesDb db, RequestContext context) : IRequestHandler<ListVolumes, Paged<VolumeSummary>>
{
    public async Task<Paged<VolumeSummary>> Handle(ListVolumes request, CancellationToken cancellationToken)
    {
        var page = Paging.Of(request.Page, request.PageSize);
        const string filter = $"from archives.volume v where {VolumeAccess.Readable} and (@year::int is null or v.year = @year) and (@featured::boolean is null or v.featured = @featured)";
        using var grid = await db.QueryMultipleAsync($"""
            select count(*) {filter};
            select v.id, v.title, v.subtitle, v.compiled_by, v.year, v.description, v.featured, v.cover is not null as has_cover,
                   {VolumeAccess.EffectiveLevel}::int as security_level, (select count(*) {VolumeAccess.VisibleItems}) as item_count, v.version, v.recorded_at
            {filter}
            order by v.recorded_at desc, v.id desc limit @limit offset @offset;
            """, ArchivesScope.Parameters(context, new { year = request.Year, featured = request.Featured, limit = page.Limit, offset = page.Offset }),
            cancellationToken);
        var total = await grid.ReadSingleAsync<long>();
        var items = (await grid.ReadAsync<VolumeSummary>()).ToList();
        return new Paged<VolumeSummary>(items, total, page.Page, page.PageSize);
    }
}

internal static class ListVolumesEndpoint
{
    public static void MapListVolumes(this IEndpointRouteBuilder api) =>
        api.MapGet("/volumes", (int? year, bool? featured, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListVolumes(year, featured, page ?? 1, pageSize ?? 20), ct))
            .WithName("ListVolumes").WithSummary("汇编册列表（按年度、是否精选筛选，最新在前，分页）")
            .RequirePermission(ArchivesPermissions.Read);
}
