using FluentMigrator;

namespace RedSail.Migrations.Workflow;

[Migration(41, "workflow: committee members' training (支委培训), quarterly exchanges (季度交流), year-end nominations (年终评比)")]
public sealed class M0041_TrainingExchangeNominations : Migration
{
    public override void Up() => Execute.Sql("""
        create table workflow.training_record (
            id uuid primary key,
            person_id uuid not null,
            -- the organisation the person belongs to when trained (scope)
            organization_id uuid not null,
            title text not null,
            organizer text not null,
            held_on date not null,
            hours numeric(5,1) not null,
            -- centralised | online | lecture | other
            kind text not null,
            recorded_at timestamptz not null default now());
        create index ix_workflow_training_record_org on workflow.training_record (organization_id, held_on);
        create index ix_workflow_training_record_person on workflow.training_record (person_id, held_on);

        -- The committee's quarterly exchange meeting of its branches.
        create table workflow.exchange_meeting (
            id uuid primary key,
            organization_id uuid not null,
            year int not null,
            quarter int not null,
            held_on date not null,
            topic text not null,
            branch_ids uuid[] not null,
            summary text,
            recorded_at timestamptz not null default now());
        create index ix_workflow_exchange_meeting_org on workflow.exchange_meeting (organization_id, year, quarter);

        -- A branch nominates itself (先进支部) or a member (优秀党员) for a year; the committee records the result.
        create table workflow.nomination (
            id uuid primary key,
            organization_id uuid not null,
            year int not null,
            -- branch | member
            kind text not null,
            person_id uuid,
            reason text not null,
            -- pending | selected | not_selected
            result text not null default 'pending',
            result_note text,
            decided_at timestamptz,
            version bigint not null default 1);
        create index ix_workflow_nomination_org on workflow.nomination (organization_id, year);
        create unique index ux_workflow_nomination_once on workflow.nomination (organization_id, year, kind, coalesce(person_id, organization_id));
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
