using RedSail.Modules.Archives.Contracts;
using RedSail.Modules.Archives.Features.Announcements;

namespace RedSail.Modules.Archives.Features.RemoveAnnouncement;

/// <summary>Takes an announcement off the portal: kept with who removed it and why, no longer shown.</summary>
internal sealed record RemoveAnnouncement(Guid AnnouncementId, long Version, string? Reason) : ICommand<AnnouncementVersion>
{
    public string AuditAction => "portal.announcements.remove";
    public AuditTarget AuditTarget => new("announcement", AnnouncementId.ToString());
}

internal sealed record RemoveAnnouncementBody(long Version, string? Reason);

internal sealed class RemoveAnnouncementValidator : IValidator<RemoveAnnouncement>
{
    public void Validate(RemoveAnnouncement request, ValidationErrors errors) => errors.RequiredMax("reason", request.Reason, 200);
}

internal sealed class RemoveAnnouncementHandler(ArchivesDb db, RequestContext context) : IRequestHandler<RemoveAnnouncement, AnnouncementVersion>
{
    public async Task<AnnouncementVersion> Handle(RemoveAnnouncement request, CancellationToken cancellationToken)
    {
        await AnnouncementAccess.LockAsync(db, request.AnnouncementId, request.Version, cancellationToken);
        var version = await db.QuerySingleAsync<long>("""
            update archives.announcement set removed_at = now(), removed_by = @by, removed_reason = @reason, pinned = false, version = version + 1
            where id = @id returning version
            """, new { id = request.AnnouncementId, by = context.Principal.UserId, reason = request.Reason!.Trim() }, cancellationToken);
        return new AnnouncementVersion(request.AnnouncementId, version);
    }
}

internal static class RemoveAnnouncementEndpoint
{
    public static void MapRemoveAnnouncement(this IEndpointRouteBuilder api) =>
        api.MapPost("/announcements/{id:guid}/remove", (Guid id, RemoveAnnouncementBody body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new RemoveAnnouncement(id, body.Version, body.Reason), ct))
            .WithName("RemoveAnnouncement").WithSummary("撤下通知公告或党建要闻（保留记录与原因）")
            .RequirePermission(ArchivesPermissions.Publish);
}
