using RedSail.Modules.Archives.Contracts;
using RedSail.Modules.Archives.Features.Announcements;

namespace RedSail.Modules.Archives.Features.GetAnnouncement;

/// <summary>One announcement with its (sanitised) HTML body, for everyone signed in; one set to appear later only for publishers.</summary>
internal sealed record GetAnnouncement(Guid AnnouncementId) : IQuery<AnnouncementDetail>;

internal sealed class AnnouncementDetail
{
    public Guid Id { get; init; }
    public string Kind { get; init; } = "";
    public string Title { get; init; } = "";
    public string BodyHtml { get; init; } = "";
    public DateTime PublishedAt { get; init; }
    public bool Pinned { get; init; }
    public string AuthorName { get; init; } = "";
    public DateTime? UpdatedAt { get; init; }
    public long Version { get; init; }
}

internal sealed class GetAnnouncementHandler(ArchivesDb db, RequestContext context, IClock clock) : IRequestHandler<GetAnnouncement, AnnouncementDetail>
{
    public async Task<AnnouncementDetail> Handle(GetAnnouncement request, CancellationToken cancellationToken) =>
        await db.QuerySingleOrDefaultAsync<AnnouncementDetail>($"""
            select a.id, a.kind, a.title, a.body_html, a.published_at, a.pinned, a.author_name, a.updated_at, a.version
            from archives.announcement a where a.id = @id and {AnnouncementAccess.Visible}
            """, new { id = request.AnnouncementId, now = clock.UtcNow.UtcDateTime, scheduled = context.Principal.Has(ArchivesPermissions.Publish) },
            cancellationToken)
        ?? throw new NotFoundException("announcement", request.AnnouncementId.ToString());
}

internal static class GetAnnouncementEndpoint
{
    public static void MapGetAnnouncement(this IEndpointRouteBuilder api) =>
        api.MapGet("/announcements/{id:guid}", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetAnnouncement(id), ct))
            .WithName("GetAnnouncement").WithSummary("通知公告或党建要闻详情（净化后的富文本）")
            .RequireSignedIn();
}
