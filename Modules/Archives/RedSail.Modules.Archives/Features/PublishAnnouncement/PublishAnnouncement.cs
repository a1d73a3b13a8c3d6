using Dapper;
using RedSail.Modules.Archives.Contracts;
using RedSail.Modules.Archives.Features.Announcements;

namespace RedSail.Modules.Archives.Features.PublishAnnouncement;

/// <summary>Publishes a notice or a news item on the portal for everyone signed in (now, or at the time given); its HTML is sanitised first.</summary>
internal sealed record PublishAnnouncement(AnnouncementForm? Announcement) : ICommand<AnnouncementVersion>
{
    public string AuditAction => "portal.announcements.publish";
}

internal sealed record PublishAnnouncementBody(AnnouncementForm? Announcement);

internal sealed class PublishAnnouncementValidator : IValidator<PublishAnnouncement>
{
    public void Validate(PublishAnnouncement request, ValidationErrors errors)
    {
        if (request.Announcement is null) errors.Add("announcement", "validation.required");
        else request.Announcement.Check(errors);
    }
}

internal sealed class PublishAnnouncementHandler(ArchivesDb db, RequestContext context, IClock clock) : IRequestHandler<PublishAnnouncement, AnnouncementVersion>
{
    public async Task<AnnouncementVersion> Handle(PublishAnnouncement request, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        var parameters = new DynamicParameters(request.Announcement!.Columns(clock.UtcNow));
        parameters.Add("id", id);
        parameters.Add("authorId", context.Principal.UserId);
        parameters.Add("authorName", context.Principal.UserName ?? "");
        await db.ExecuteAsync("""
            insert into archives.announcement (id, kind, title, body_html, excerpt, published_at, pinned, author_id, author_name)
            values (@id, @kind, @title, @bodyHtml, @excerpt, @publishedAt, @pinned, @authorId, @authorName)
            """, parameters, cancellationToken);
        return new AnnouncementVersion(id, 1);
    }
}

internal static class PublishAnnouncementEndpoint
{
    public static void MapPublishAnnouncement(this IEndpointRouteBuilder api) =>
        api.MapPost("/announcements", async (PublishAnnouncementBody body, IMediator mediator, CancellationToken ct) =>
            {
                var created = await mediator.Send(new PublishAnnouncement(body.Announcement), ct);
                return Results.Created($"/api/archives/announcements/{created.Id}", created);
            })
            .WithName("PublishAnnouncement").WithSummary("发布通知公告或党建要闻（富文本在服务端净化）")
            .RequirePermission(ArchivesPermissions.Publish);
}
