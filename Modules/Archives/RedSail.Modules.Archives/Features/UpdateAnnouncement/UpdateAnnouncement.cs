using Dapper;
using RedSail.Modules.Archives.Contracts;
using RedSail.Modules.Archives.Features.Announcements;

namespace RedSail.Modules.Archives.Features.UpdateAnnouncement;

/// <summary>Corrects an announcement against the version the editor read (stale: 409 with the current one).</summary>
internal sealed record UpdateAnnouncement(Guid AnnouncementId, long Version, AnnouncementForm? Announcement) : ICommand<AnnouncementVersion>
{
    public string AuditAction => "portal.announcements.update";
    public AuditTarget AuditTarget => new("announcement", AnnouncementId.ToString());
}

internal sealed record UpdateAnnouncementBody(long Version, AnnouncementForm? Announcement);

internal sealed class UpdateAnnouncementValidator : IValidator<UpdateAnnouncement>
{
    public void Validate(UpdateAnnouncement request, ValidationErrors errors)
    {
        if (request.Announcement is null) errors.Add("announcement", "validation.required");
        else request.Announcement.Check(errors);
    }
}

internal sealed class UpdateAnnouncementHandler(ArchivesDb db, RequestContext context, IClock clock) : IRequestHandler<UpdateAnnouncement, AnnouncementVersion>
{
    public async Task<AnnouncementVersion> Handle(UpdateAnnouncement request, CancellationToken cancellationToken)
    {
        await AnnouncementAccess.LockAsync(db, request.AnnouncementId, request.Version, cancellationToken);
        var parameters = new DynamicParameters(request.Announcement!.Columns(clock.UtcNow));
        parameters.Add("id", request.AnnouncementId);
        parameters.Add("by", context.Principal.UserId);
        var version = await db.QuerySingleAsync<long>("""
            update archives.announcement
            set kind = @kind, title = @title, body_html = @bodyHtml, excerpt = @excerpt, published_at = @publishedAt, pinned = @pinned,
                updated_at = now(), updated_by = @by, version = version + 1
            where id = @id returning version
            """, parameters, cancellationToken);
        return new AnnouncementVersion(request.AnnouncementId, version);
    }
}

internal static class UpdateAnnouncementEndpoint
{
    public static void MapUpdateAnnouncement(this IEndpointRouteBuilder api) =>
        api.MapPut("/announcements/{id:guid}", (Guid id, UpdateAnnouncementBody body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new UpdateAnnouncement(id, body.Version, body.Announcement), ct))
            .WithName("UpdateAnnouncement").WithSummary("修改通知公告或党建要闻（乐观并发：版本过期返回 409）")
            .RequirePermission(ArchivesPermissions.Publish);
}
