using FluentMigrator;

namespace RedSail.Migrations.Archives;

[Migration(2, "archives: copy of the organisation tree, categories, documents and their files (versions)")]
public sealed class M0002_DocumentsAndFiles : Migration
{
    public override void Up() => Execute.Sql(ReadModelTables.OrganizationTree("archives") + """
        -- People as the archive names them (related people of a document): name and organisation only, from Personnel's events.
        create table archives.person (
            id uuid primary key,
            organization_id uuid not null,
            name text not null);
        create index ix_archives_person_name on archives.person (name);

        -- The category tree of the archive (文件类别), e.g. 党委文件 / 支部材料 / 群团文件; sort orders siblings.
        create table archives.category (
            id uuid primary key,
            parent_id uuid references archives.category (id),
            name text not null,
            sort int not null default 0,
            unique nulls not distinct (parent_id, name));

        -- One archived document with its metadata. The owning organisation and the security level decide who sees it
        -- (Domain/SecurityLevels); the search columns are kept by the application (Chinese segments + bigrams).
        create table archives.document (
            id uuid primary key,
            title text not null,
            -- 文号, e.g. 党发〔2021〕12号 (null for documents without one)
            doc_number text,
            issued_on date not null,
            issuing_body text not null,
            category_id uuid not null references archives.category (id),
            keywords text[] not null default '{}',
            security_level smallint not null default 0,
            organization_id uuid not null,
            related_organization_ids uuid[] not null default '{}',
            related_person_ids uuid[] not null default '{}',
            summary text,
            -- title, number, body, keywords and the files' text, segmented, with weights (A title/number, B keywords, C text)
            search_vector tsvector,
            recorded_at timestamptz not null default now(),
            recorded_by uuid,
            updated_at timestamptz,
            updated_by uuid,
            version bigint not null default 1,
            removed_at timestamptz,
            removed_by uuid,
            removed_reason text);
        create index ix_archives_document_search on archives.document using gin (search_vector);
        create index ix_archives_document_issued on archives.document (issued_on desc) where removed_at is null;
        create index ix_archives_document_category on archives.document (category_id, issued_on desc) where removed_at is null;
        create index ix_archives_document_number on archives.document (doc_number) where doc_number is not null;

        -- The bytes of every stored file, once per content: the file store keeps them outside the web root under their
        -- SHA-256; this row is the checksum the store verifies on every read.
        create table archives.blob (
            sha256 text primary key,
            size bigint not null,
            content_type text not null,
            stored_at timestamptz not null default now());

        -- A document's files, all versions kept: a new upload of the same file name is the next version of it.
        create table archives.document_file (
            id uuid primary key,
            document_id uuid not null references archives.document (id),
            file_name text not null,
            file_version int not null,
            sha256 text not null references archives.blob (sha256),
            -- a picture's caption (searched as its text)
            caption text,
            -- pending | running | done | failed | none (nothing to extract)
            extraction_status text not null default 'pending',
            extraction_error text,
            extracted_text text,
            uploaded_at timestamptz not null default now(),
            uploaded_by uuid,
            removed_at timestamptz,
            unique (document_id, file_name, file_version));
        create index ix_archives_document_file_document on archives.document_file (document_id);
        create index ix_archives_document_file_pending on archives.document_file (uploaded_at) where extraction_status in ('pending', 'running');

        create table archives.demo_seed (seed int primary key, seeded_at timestamptz not null default now());
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
