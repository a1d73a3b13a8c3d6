using FluentMigrator;

namespace RedSail.Migrations.Workflow;

[Migration(20, "workflow: recruitment files (发展党员) through the 25 steps")]
public sealed class M0020_RecruitmentFiles : Migration
{
    public override void Up() => Execute.Sql("""
        -- One person's way into the party, from the application (step 1) to the archived file (step 25). The rule set is the one
        -- in force on the application date; next_* are kept by every completed step so that the board, the to-dos and the
        -- quarterly supervision read them without recomputing the schedule.
        create table workflow.recruitment_file (
            id uuid primary key,
            person_id uuid not null,
            organization_id uuid not null,
            applied_on date not null,
            rule_set_id uuid,
            stage int not null default 1,
            -- 26 once every step is done
            next_step int not null,
            next_due_on date,
            next_earliest_on date,
            -- open | admitted (step 17) | converted (step 24) | closed (withdrawn, or the probation cancelled)
            status text not null default 'open',
            -- on_time | extend | cancel (step 23), or why the file was closed
            outcome text,
            closed_reason text,
            closed_on date,
            probation_extended_months int not null default 0,
            created_at timestamptz not null default now(),
            created_by uuid,
            version bigint not null default 1,
            constraint ck_recruitment_file_status check (status in ('open', 'admitted', 'converted', 'closed')),
            constraint ck_recruitment_file_step check (next_step between 1 and 26));
        -- A person has at most one file under way.
        create unique index ux_recruitment_file_person_active on workflow.recruitment_file (person_id) where status <> 'closed';
        -- The board (by organisation, stage) and the supervision (organisation, status, next step, due date).
        create index ix_recruitment_file_board on workflow.recruitment_file (organization_id, status, stage, next_due_on);
        -- The to-dos: files whose next step is due or may now be taken.
        create index ix_recruitment_file_due on workflow.recruitment_file (next_due_on) where status <> 'closed' and next_step <= 25;
        create index ix_recruitment_file_earliest on workflow.recruitment_file (next_earliest_on) where status <> 'closed' and next_step <= 25;

        create table workflow.recruitment_step (
            file_id uuid not null references workflow.recruitment_file (id),
            step int not null,
            completed_on date not null,
            actor text not null,
            opinion text,
            materials jsonb not null default '[]',
            details jsonb not null default '{}',
            recorded_at timestamptz not null default now(),
            recorded_by uuid,
            primary key (file_id, step),
            constraint ck_recruitment_step_number check (step between 1 and 25));
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
