using FluentMigrator;

namespace RedSail.Migrations.Archives;

[Migration(10, "archives: bulk imports of a folder of files with a metadata sheet (resumable, with a report)")]
public sealed class M0010_DocumentImports : Migration
{
    public override void Up() => Execute.Sql("""
        -- One bulk import: a metadata sheet (one row per file), then the folder's files uploaded one by one.
        create table archives.import_batch (
            id uuid primary key,
            sheet_name text not null,
            organization_id uuid not null,
            created_at timestamptz not null default now(),
            created_by uuid);

        -- A row of the sheet. status: waiting (valid, its file not yet received) | imported | invalid (the row itself is
        -- wrong: bad date, unknown category …) | refused (its file was refused: type, size). reason is a message key.
        create table archives.import_row (
            batch_id uuid not null references archives.import_batch (id),
            row_number int not null,
            file_name text not null,
            title text,
            doc_number text,
            issued_on date,
            issuing_body text,
            category_id uuid references archives.category (id),
            keywords text[] not null default '{}',
            security_level smallint,
            status text not null,
            reason text,
            reason_argument text,
            -- the received file's hash: the same name and content again is skipped, so an interrupted import resumes
            sha256 text,
            document_id uuid references archives.document (id),
            primary key (batch_id, row_number));
        create index ix_archives_import_row_file on archives.import_row (batch_id, file_name);
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
