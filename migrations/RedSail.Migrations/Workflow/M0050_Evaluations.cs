using FluentMigrator;

namespace RedSail.Migrations.Workflow;

[Migration(50, "workflow: people's employee numbers; evaluation rounds (年终述职测评, 民主评议党员), reports, anonymous ballots, results")]
public sealed class M0050_Evaluations : Migration
{
    public override void Up() => Execute.Sql("""
        -- 工号 from Personnel's events: a member's account finds its person by it (members vote as themselves).
        alter table workflow.person add column employee_number text;
        create index ix_workflow_person_employee_number on workflow.person (employee_number) where employee_number is not null;

        -- A round of evaluation: annual_review (年终述职测评: branches scored on a sheet) or democratic_review
        -- (民主评议党员: members graded). The configuration (sheet, thresholds, minimum turnout) is fixed when it opens.
        create table workflow.evaluation_round (
            id uuid primary key,
            organization_id uuid not null,
            kind text not null,
            year int not null,
            title text not null,
            starts_on date not null,
            ends_on date not null,
            -- annual_review: committee (seat holders + branch secretaries) | all_members
            electorate text not null,
            config jsonb not null,
            -- open | closed
            status text not null default 'open',
            opened_by uuid,
            opened_at timestamptz not null default now(),
            closed_at timestamptz,
            -- at closing: how many could vote and how many did; valid = the minimum turnout was reached
            eligible_count int,
            ballot_count int,
            valid boolean,
            version bigint not null default 1,
            unique (organization_id, kind, year));
        create index ix_workflow_evaluation_round_open on workflow.evaluation_round (ends_on) where status = 'open';

        -- Who may vote, fixed when the round opens (a member who arrives later does not vote in it).
        create table workflow.evaluation_voter (
            round_id uuid not null references workflow.evaluation_round (id) on delete cascade,
            person_id uuid not null,
            primary key (round_id, person_id));
        create index ix_workflow_evaluation_voter_person on workflow.evaluation_voter (person_id);

        -- What is graded: the branch's members (民主评议) or the subtree's branches (述职测评), with the name at opening.
        create table workflow.evaluation_subject (
            round_id uuid not null references workflow.evaluation_round (id) on delete cascade,
            subject_id uuid not null,
            name text not null,
            primary key (round_id, subject_id));

        -- 述职: one report per branch and round; the committee may return it for rework.
        create table workflow.evaluation_report (
            round_id uuid not null references workflow.evaluation_round (id) on delete cascade,
            organization_id uuid not null,
            text text not null,
            attachment_id uuid,
            -- submitted | returned
            status text not null,
            return_reason text,
            submitted_by uuid,
            submitted_at timestamptz not null default now(),
            version bigint not null default 1,
            primary key (round_id, organization_id));

        create table workflow.evaluation_attachment (
            id uuid primary key,
            round_id uuid not null,
            organization_id uuid not null,
            file_name text not null,
            content_type text not null,
            size int not null,
            sha256 bytea not null,
            content bytea not null,
            uploaded_by uuid,
            uploaded_at timestamptz not null default now());

        -- Anonymity by design: WHO voted (ballot_voter) is stored apart from WHAT was voted (ballot). Nothing links them:
        -- no person column, no shared id, no time (the ballot has none at all), random v4 ids (never sequences or time-ordered
        -- ids), and the round's ballots are rewritten in random order when it closes (new physical order and xmin).
        create table workflow.ballot_voter (
            round_id uuid not null references workflow.evaluation_round (id) on delete cascade,
            person_id uuid not null,
            voted_at timestamptz not null default now(),
            -- one ballot per evaluator and round
            primary key (round_id, person_id));

        create table workflow.ballot (
            id uuid primary key default gen_random_uuid(),
            round_id uuid not null references workflow.evaluation_round (id) on delete cascade,
            -- {subjectId: grade} (民主评议) or {subjectId: {item: points}} (述职测评)
            marks jsonb not null);
        create index ix_workflow_ballot_round on workflow.ballot (round_id);

        -- The tally of a closed round, per subject: counts by grade or the average score, and the proposed grade.
        create table workflow.evaluation_result (
            round_id uuid not null references workflow.evaluation_round (id) on delete cascade,
            subject_id uuid not null,
            name text not null,
            counts jsonb not null default '{}',
            score numeric(6,2),
            grade text,
            primary key (round_id, subject_id));
        create index ix_workflow_evaluation_result_subject on workflow.evaluation_result (subject_id);
        """);

    public override void Down() => Execute.Sql("""
        drop table workflow.evaluation_result, workflow.ballot, workflow.ballot_voter, workflow.evaluation_attachment,
            workflow.evaluation_report, workflow.evaluation_subject, workflow.evaluation_voter, workflow.evaluation_round;
        alter table workflow.person drop column employee_number;
        """);
}
