using RedSail.Modules.Archives.Contracts;
using RedSail.Modules.Archives.Features.Announcements;

namespace RedSail.Modules.Archives.Features.ListAnnouncements;

/// <summary>
/// The portal's announcements and news, pinned first, then the latest; of one kind or both. Publishers may ask for those set to
/// appear later too (<see cref="Scheduled"/>).
/// </summary>
internal sealed record ListAnnouncements(string? Kind, bool Scheduled = false, int Page = 1, int PageSize = 20) : IQuery<Paged<AnnouncementSummary>>;

internal sealed class AnnouncementSummary
{
    public Guid Id { get; init; }
    public string Kind { get; init; } = "";
    public string Title { get; init; } = "";
    public string Excerpt { get; init; } = "";
    public DateTime PublishedAt { get; init; }
    public bool Pinned { get; init; }
    public long Version { get; init; }
}

internal sealed class ListAnnouncementsHandler(ArchivesDb db, RequestContext context, IClock clock) : IRequestHandler<ListAnnouncements, Paged<AnnouncementSummary>>
{
    public async Task<Paged<AnnouncementSummary>> Handle(ListAnnouncements request, CancellationToken cancellationToken)
    {
        var page = Paging.Of(request.Page, request.PageSize);
        const string filter = $"from archives.announcement a where {AnnouncementAccess.Visible} and (@kind::text is null or a.kind = @kind)";
        using var grid = await db.QueryMultipleAsync($"""
            select count(*) {filter};
            select a.id, a.kind, a.title, a.excerpt, a.published_at, a.pinned, a.version {filter}
            order by a.pinned desc, a.published_at desc, a.id desc limit @limit offset @offset;
            """, new
            {
                kind = string.IsNullOrWhiteSpace(request.Kind) ? null : request.Kind, now = clock.UtcNow.UtcDateTime,
                scheduled = request.Scheduled && context.Principal.Has(ArchivesPermissions.Publish), limit = page.Limit, offset = page.Offset,
            }, cancellationToken);
        var total = await grid.ReadSingleAsync<long>();
        return new Paged<AnnouncementSummary>((await grid.ReadAsync<AnnouncementSummary>()).ToList(), total, page.Page, page.PageSize);
    }
}

internal static class ListAnnouncementsEndpoint
{
    public static void MapListAnnouncements(this IEndpointRouteBuilder api) =>
        api.MapGet("/announcements", (string? kind, bool? scheduled, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListAnnouncements(kind, scheduled ?? false, page ?? 1, pageSize ?? 20), ct))
            .WithName("ListAnnouncements").WithSummary("通知公告与党建要闻列表（置顶在前，其后按发布时间倒序，分页；所有登录用户可读）")
            .RequireSignedIn();
}
