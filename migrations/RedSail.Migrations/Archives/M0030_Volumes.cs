using FluentMigrator;

namespace RedSail.Migrations.Archives;

[Migration(30, "archives: compiled volumes (汇编册) and their ordered documents")]
public sealed class M0030_Volumes : Migration
{
    public override void Up() => Execute.Sql("""
        -- A compiled volume (汇编册): an ordered collection of archived documents with a cover, read as an e-book.
        create table archives.volume (
            id uuid primary key,
            title text not null,
            subtitle text,
            compiled_by text,
            year int not null,
            description text,
            -- the cover picture, PNG or JPEG (told by its first bytes), at most 5 MB
            cover bytea,
            cover_content_type text,
            -- an explicit security level; null means the highest of its documents' (Features/Volumes/VolumeAccess)
            security_level smallint,
            featured boolean not null default false,
            recorded_at timestamptz not null default now(),
            recorded_by uuid,
            updated_at timestamptz,
            updated_by uuid,
            version bigint not null default 1,
            removed_at timestamptz,
            removed_by uuid,
            removed_reason text);
        create index ix_archives_volume_year on archives.volume (year desc, recorded_at desc) where removed_at is null;
        create index ix_archives_volume_featured on archives.volume (recorded_at desc) where featured and removed_at is null;

        -- The volume's documents in reading order; a section heading (e.g. 一、党委文件) opens a part before its document.
        -- Positions are unique per volume, checked at commit so that a reorder rewrites them all in one statement.
        create table archives.volume_item (
            volume_id uuid not null references archives.volume (id),
            document_id uuid not null references archives.document (id),
            position int not null,
            section_heading text,
            primary key (volume_id, document_id),
            constraint uq_archives_volume_item_position unique (volume_id, position) deferrable initially deferred);
        create index ix_archives_volume_item_document on archives.volume_item (document_id);
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
