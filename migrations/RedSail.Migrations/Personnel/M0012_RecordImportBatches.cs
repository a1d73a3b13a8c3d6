using FluentMigrator;

namespace RedSail.Migrations.Personnel;

[Migration(12, "personnel: import batches of information-set entries (preview, commit, roll back)")]
public sealed class M0012_RecordImportBatches : Migration
{
    public override void Up() => Execute.Sql("""
        -- An Excel import of entries of one information set (education, family …) for people already in the register.
        create table personnel.record_import_batch (
            id uuid primary key,
            -- the information set (Domain/InformationSets.cs)
            set_kind text not null,
            file_name text not null,
            sha256 bytea not null,
            row_count int not null,
            error_count int not null,
            status text not null default 'previewed'
                constraint ck_record_import_batch_status check (status in ('previewed', 'committed', 'rolled_back')),
            created_by uuid,
            created_at timestamptz not null default now(),
            committed_at timestamptz,
            rolled_back_at timestamptz);

        -- The checked entries of a previewed batch without errors, until its commit, as person_record will hold them:
        -- the ordinary values as jsonb, the sensitive ones only as SM4-GCM ciphertext. Each row carries the id its entry
        -- will have and the person it was matched to (through the ID number's blind index, inside the uploader's scope).
        create table personnel.record_import_row (
            batch_id uuid not null references personnel.record_import_batch (id) on delete cascade,
            row_number int not null,
            record_id uuid not null,
            person_id uuid not null,
            valid_from date,
            valid_to date,
            data jsonb not null,
            secret bytea,
            search_text text,
            primary key (batch_id, row_number));

        -- Which import brought an entry in: the batch can be rolled back while none of its entries has changed.
        alter table personnel.person_record add column import_batch_id uuid references personnel.record_import_batch (id);
        create index ix_person_record_import_batch on personnel.person_record (import_batch_id) where import_batch_id is not null;
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
