namespace RedSail.Modules.Archives.Features.Announcements;

/// <summary>The kinds of portal announcements: 通知公告 (notice) and 党建要闻 (news).</summary>
internal static class AnnouncementKinds
{
    public const string Notice = "notice";
    public const string News = "news";
    public static readonly IReadOnlyList<string> All = [Notice, News];
}

/// <summary>What the publisher writes: kind, title, rich-text body (sanitised on the server), when it appears, pinned or not.</summary>
internal sealed record AnnouncementForm(string? Kind, string? Title, string? BodyHtml, DateTimeOffset? PublishedAt, bool Pinned)
{
    public const int MaxBodyLength = 200_000;

    public void Check(ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(Kind)) errors.Add("announcement.kind", "validation.required");
        else if (!AnnouncementKinds.All.Contains(Kind)) errors.Add("announcement.kind", "portal.announcements.kind_unknown", Kind);
        errors.RequiredMax("announcement.title", Title, 200).RequiredMax("announcement.bodyHtml", BodyHtml, MaxBodyLength);
    }

    /// <summary>The columns to store: the body sanitised, with its excerpt; it appears now unless a time was given.</summary>
    public object Columns(DateTimeOffset now)
    {
        var body = AnnouncementHtml.Sanitize(BodyHtml!);
        return new
        {
            kind = Kind, title = Title!.Trim(), bodyHtml = body, excerpt = AnnouncementHtml.Excerpt(body), publishedAt = (PublishedAt ?? now).UtcDateTime,
            pinned = Pinned,
        };
    }
}

/// <summary>An announcement after a command: its id and the version the editor continues from.</summary>
internal sealed record AnnouncementVersion(Guid Id, long Version);

internal sealed class StoredAnnouncement
{
    public Guid Id { get; init; }
    public long Version { get; init; }
    public DateTime? RemovedAt { get; init; }
}

internal static class AnnouncementAccess
{
    /// <summary>The announcement, locked (404 when missing or removed), at the version the editor read (409 otherwise).</summary>
    public static async Task<StoredAnnouncement> LockAsync(ArchivesDb db, Guid id, long version, CancellationToken ct)
    {
        var stored = await db.QuerySingleOrDefaultAsync<StoredAnnouncement>(
            "select id, version, removed_at from archives.announcement where id = @id for update", new { id }, ct);
        if (stored is null || stored.RemovedAt is not null) throw new NotFoundException("announcement", id.ToString());
        if (stored.Version != version) throw new ConcurrencyException(stored.Version);
        return stored;
    }

    /// <summary>
    /// Which announcements the caller reads (SQL on alias <c>a</c>, parameters <c>now</c> and <c>scheduled</c>): those published by
    /// now; those set to appear later only for publishers who ask for them.
    /// </summary>
    public const string Visible = "a.removed_at is null and (a.published_at <= @now or @scheduled)";
}
