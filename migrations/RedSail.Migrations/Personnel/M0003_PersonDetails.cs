using FluentMigrator;

namespace RedSail.Migrations.Personnel;

[Migration(3, "personnel: basic information, party dates and the change timeline of people")]
public sealed class M0003_PersonDetails : Migration
{
    public override void Up() => Execute.Sql("""
        alter table personnel.person
            add column native_place text,
            add column department text,
            -- phone: SM4-GCM ciphertext; shown masked unless the caller may unmask
            add column phone_cipher bytea,
            add column applied_on date,
            add column activist_on date,
            add column candidate_on date,
            add column converted_on date,
            add column probation_extended_months int not null default 0,
            add column status_since date,
            add column updated_at timestamptz not null default now();
        comment on column personnel.person.joined_on is 'admitted as probationary member (支部大会 vote)';
        create index ix_person_status on personnel.person (party_status);
        create index ix_person_name_trgm on personnel.person using gin (name gin_trgm_ops);

        create table personnel.person_change (
            id bigint generated always as identity primary key,
            person_id uuid not null references personnel.person (id),
            change text not null,
            effective_on date not null,
            reason text,
            before jsonb,
            after jsonb not null,
            recorded_at timestamptz not null default now(),
            recorded_by uuid);
        create index ix_person_change_person on personnel.person_change (person_id, id desc);
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
