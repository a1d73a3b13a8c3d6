using FluentMigrator;

namespace RedSail.Migrations.Personnel;

[Migration(9, "personnel: committees by term, and members' organisational relation (transfers, flowing, lost contact)")]
public sealed class M0009_CommitteesAndRelations : Migration
{
    public override void Up() => Execute.Sql("""
        create table personnel.committee_term (
            id uuid primary key,
            organization_id uuid not null references personnel.organization (id),
            term_number int not null,
            elected_on date not null,
            -- from the rule set in force on the election day
            term_years int not null,
            ends_on date not null,
            -- the election record
            entitled_voters int not null,
            present_voters int not null,
            election_method text not null,
            approval_document text,
            notes text,
            -- current | ended (the next term was elected)
            status text not null default 'current',
            ended_on date,
            -- when OrganizationTermExpiring / OrganizationTermExpired went out (each once per term)
            expiring_announced_at timestamptz,
            expired_announced_at timestamptz,
            created_at timestamptz not null default now(),
            recorded_by uuid,
            version bigint not null default 1,
            unique (organization_id, term_number));
        create unique index ux_committee_term_current on personnel.committee_term (organization_id) where status = 'current';
        create index ix_committee_term_ends on personnel.committee_term (ends_on) where status = 'current';

        create table personnel.committee_member (
            id uuid primary key,
            term_id uuid not null references personnel.committee_term (id),
            person_id uuid not null references personnel.person (id),
            -- secretary, deputy_secretary, organization, propaganda, discipline, youth, women, member
            post text not null,
            from_on date not null,
            to_on date,
            end_reason text);
        create index ix_committee_member_term on personnel.committee_member (term_id);
        create index ix_committee_member_person on personnel.committee_member (person_id);

        -- elections and by-elections belong to the organisation's history too
        alter table personnel.organization_history drop constraint ck_organization_history_change,
            add constraint ck_organization_history_change
                check (change_type in ('created', 'renamed', 'moved', 'merged', 'dissolved', 'committee_elected', 'committee_changed'));

        -- The organisational relation (组织关系): where the membership is kept, beside the party status.
        alter table personnel.person
            add column relation text not null default 'active',
            add column relation_since date;
        comment on column personnel.person.relation is 'active | flowing (流动党员) | lost_contact (失联) | transferred_out (组织关系已转出)';
        create index ix_person_relation on personnel.person (relation) where relation <> 'active';
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
