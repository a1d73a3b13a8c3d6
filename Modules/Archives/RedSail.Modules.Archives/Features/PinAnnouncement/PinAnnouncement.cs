using RedSail.Modules.Archives.Contracts;
using RedSail.Modules.Archives.Features.Announcements;

namespace RedSail.Modules.Archives.Features.PinAnnouncement;

/// <summary>Pins an announcement to the top of the portal's lists (置顶), or unpins it.</summary>
internal sealed record PinAnnouncement(Guid AnnouncementId, long Version, bool Pinned) : ICommand<AnnouncementVersion>
{
    public string AuditAction => Pinned ? "portal.announcements.pin" : "portal.announcements.unpin";
    public AuditTarget AuditTarget => new("announcement", AnnouncementId.ToString());
}

internal sealed record PinAnnouncementBody(long Version, bool Pinned);

internal sealed class PinAnnouncementHandler(ArchivesDb db, RequestContext context) : IRequestHandler<PinAnnouncement, AnnouncementVersion>
{
    public async Task<AnnouncementVersion> Handle(PinAnnouncement request, CancellationToken cancellationToken)
    {
        await AnnouncementAccess.LockAsync(db, request.AnnouncementId, request.Version, cancellationToken);
        var version = await db.QuerySingleAsync<long>("""
            update archives.announcement set pinned = @pinned, updated_at = now(), updated_by = @by, version = version + 1
            where id = @id returning version
            """, new { id = request.AnnouncementId, pinned = request.Pinned, by = context.Principal.UserId }, cancellationToken);
        return new AnnouncementVersion(request.AnnouncementId, version);
    }
}

internal static class PinAnnouncementEndpoint
{
    public static void MapPinAnnouncement(this IEndpointRouteBuilder api) =>
        api.MapPost("/announcements/{id:guid}/pin", (Guid id, PinAnnouncementBody body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new PinAnnouncement(id, body.Version, body.Pinned), ct))
            .WithName("PinAnnouncement").WithSummary("置顶或取消置顶通知公告")
            .RequirePermission(ArchivesPermissions.Publish);
}
