using FluentMigrator;

namespace RedSail.Migrations.Archives;

[Migration(31, "archives: announcements and news of the portal (通知公告、党建要闻)")]
public sealed class M0031_Announcements : Migration
{
    public override void Up() => Execute.Sql("""
        -- A notice (通知公告) or a news item (党建要闻) on the portal, read by everyone signed in. The body is HTML sanitised
        -- on the server before it is stored (Features/Announcements/AnnouncementHtml); the excerpt is its plain text, shortened.
        create table archives.announcement (
            id uuid primary key,
            kind text not null check (kind in ('notice', 'news')),
            title text not null,
            body_html text not null,
            excerpt text not null,
            published_at timestamptz not null,
            pinned boolean not null default false,
            author_id uuid,
            author_name text not null,
            recorded_at timestamptz not null default now(),
            updated_at timestamptz,
            updated_by uuid,
            version bigint not null default 1,
            removed_at timestamptz,
            removed_by uuid,
            removed_reason text);
        create index ix_archives_announcement_published on archives.announcement (published_at desc) where removed_at is null;
        create index ix_archives_announcement_pinned on archives.announcement (published_at desc) where pinned and removed_at is null;
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
