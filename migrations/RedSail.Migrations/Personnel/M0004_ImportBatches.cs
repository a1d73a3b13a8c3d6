using FluentMigrator;

namespace RedSail.Migrations.Personnel;

[Migration(4, "personnel: people import batches (preview, commit, roll back)")]
public sealed class M0004_ImportBatches : Migration
{
    public override void Up() => Execute.Sql("""
        create table personnel.import_batch (
            id uuid primary key,
            organization_id uuid not null references personnel.organization (id),
            file_name text not null,
            sha256 bytea not null,
            row_count int not null,
            error_count int not null,
            status text not null default 'previewed'
                constraint ck_import_batch_status check (status in ('previewed', 'committed', 'rolled_back')),
            created_by uuid,
            created_at timestamptz not null default now(),
            committed_at timestamptz,
            rolled_back_at timestamptz);
        create index ix_import_batch_organization on personnel.import_batch (organization_id, created_at desc);

        -- The parsed rows of a previewed batch, until it is committed. No sensitive plaintext: the ID number and
        -- phone are SM4-GCM ciphertext (and the ID number's blind index), as in personnel.person.
        create table personnel.import_row (
            batch_id uuid not null references personnel.import_batch (id) on delete cascade,
            row_number int not null,
            data jsonb not null,
            id_number_cipher bytea,
            id_number_index bytea,
            phone_cipher bytea,
            valid boolean not null,
            primary key (batch_id, row_number));

        -- Which import brought a person in: a batch can be rolled back while nobody has changed its people.
        alter table personnel.person add column import_batch_id uuid references personnel.import_batch (id);
        create index ix_person_import_batch on personnel.person (import_batch_id) where import_batch_id is not null;

        -- The timeline is append-only history: it outlives a rolled-back (deleted) person (ADR 0009).
        alter table personnel.person_change drop constraint person_change_person_id_fkey;
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
