using FluentMigrator;

namespace RedSail.Migrations.Honors;

[Migration(10, "honors: its copy of people; honours with their review history and certificates; representatives")]
public sealed class M0010_PeopleHonoursRepresentatives : Migration
{
    public override void Up() => Execute.Sql("""
        -- People as Honors needs them (holders, 光荣在党50年 from party age), kept by Personnel's events.
        create table honors.person (
            id uuid primary key,
            organization_id uuid not null,
            name text not null,
            gender text not null,
            party_status text not null,
            joined_on date,
            converted_on date,
            -- active | flowing | lost_contact | transferred_out
            relation text not null default 'active');
        create index ix_honors_person_organization on honors.person (organization_id, name);

        -- An honour of a person (person_id) or of an organisation (person_id null). organization_id is the holder's
        -- organisation when proposed: scope and statistics go by it.
        create table honors.honour (
            id uuid primary key,
            organization_id uuid not null,
            person_id uuid,
            type text not null,
            level text not null,
            title text not null,
            conferring_body text not null,
            awarded_on date not null,
            document_number text,
            -- pending | rejected | approved | withdrawn
            status text not null,
            rejection_reason text,
            withdrawal_reason text,
            proposed_by uuid,
            proposed_at timestamptz not null default now(),
            decided_by uuid,
            decided_at timestamptz,
            version bigint not null default 1);
        create index ix_honors_honour_status on honors.honour (status, awarded_on desc);
        create index ix_honors_honour_organization on honors.honour (organization_id, awarded_on desc);
        create index ix_honors_honour_person on honors.honour (person_id) where person_id is not null;

        -- What happened to an honour, in order: proposed, resubmitted, approved, rejected (reason), withdrawn (reason).
        create table honors.honour_history (
            id bigint generated always as identity primary key,
            honour_id uuid not null references honors.honour (id) on delete cascade,
            action text not null,
            reason text,
            acted_by uuid,
            acted_at timestamptz not null default now());
        create index ix_honors_honour_history on honors.honour_history (honour_id, id);

        -- Certificate images (PNG or JPEG by their own first bytes), kept in the database with their checksum.
        create table honors.certificate (
            id uuid primary key,
            honour_id uuid not null references honors.honour (id) on delete cascade,
            file_name text not null,
            content_type text not null,
            size int not null,
            sha256 bytea not null,
            content bytea not null,
            uploaded_by uuid,
            uploaded_at timestamptz not null default now());
        create index ix_honors_certificate_honour on honors.certificate (honour_id);

        -- 党代表, 人大代表, 政协委员: one term of one person in one body.
        create table honors.representative (
            id uuid primary key,
            person_id uuid not null,
            -- party_congress | peoples_congress | cppcc
            kind text not null,
            level text not null,
            body text not null,
            term_starts_on date not null,
            term_ends_on date not null,
            -- serving | ended
            status text not null default 'serving',
            version bigint not null default 1,
            created_at timestamptz not null default now());
        create index ix_honors_representative_person on honors.representative (person_id);
        create index ix_honors_representative_term on honors.representative (status, term_ends_on);
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
