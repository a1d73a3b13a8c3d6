using FluentMigrator;

namespace RedSail.Migrations.Workflow;

[Migration(42, "workflow: members' study sessions (集中学习, 大课 and 小课) with participants, study achievements (学习成果)")]
public sealed class M0042_Study : Migration
{
    public override void Up() => Execute.Sql("""
        create table workflow.study_session (
            id uuid primary key,
            organization_id uuid not null,
            held_on date not null,
            topic text not null,
            hours numeric(5,1) not null,
            -- big_class | small_class | centralised
            kind text not null,
            recorded_at timestamptz not null default now());
        create index ix_workflow_study_session_org on workflow.study_session (organization_id, held_on);

        -- Who attended: each participant earns the session's hours.
        create table workflow.study_participant (
            session_id uuid not null references workflow.study_session (id),
            person_id uuid not null,
            primary key (session_id, person_id));
        create index ix_workflow_study_participant_person on workflow.study_participant (person_id);

        -- A member's or a branch's showcase entry for the year (评优展示 shows the featured ones).
        create table workflow.study_achievement (
            id uuid primary key,
            organization_id uuid not null,
            person_id uuid,
            year int not null,
            title text not null,
            summary text not null,
            featured boolean not null default false,
            recorded_at timestamptz not null default now());
        create index ix_workflow_study_achievement_org on workflow.study_achievement (organization_id, year);
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
