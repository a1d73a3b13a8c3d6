using FluentMigrator;

namespace RedSail.Migrations.Workflow;

[Migration(60, "workflow: quarterly supervision reports (immutable), on-site checks and rectifications, record completeness")]
public sealed class M0060_Supervision : Migration
{
    public override void Up() => Execute.Sql("""
        -- Which information-set entries people have (from PersonRecordChanged, ordinary facts only): the completeness
        -- of member records that supervision judges.
        create table workflow.person_record (
            record_id uuid primary key,
            person_id uuid not null,
            set_kind text not null);
        create index ix_workflow_person_record_person on workflow.person_record (person_id, set_kind);

        -- One run per quarter: the scheduled one at the quarter's end, or the first one asked for.
        create table workflow.supervision_run (
            quarter text primary key,
            rule_set_id uuid,
            started_at timestamptz not null default now(),
            branches int not null,
            green int not null,
            yellow int not null,
            red int not null,
            run_by uuid);

        -- The scorecard of one branch for one quarter, as computed at the run: never changed afterwards.
        create table workflow.supervision_report (
            quarter text not null references workflow.supervision_run (quarter),
            organization_id uuid not null,
            organization_name text not null,
            -- green | yellow | red: the worst of the items
            grade text not null check (grade in ('green', 'yellow', 'red')),
            -- [{item, status, value, expected, reason, args}] in a fixed order
            items jsonb not null,
            computed_at timestamptz not null default now(),
            primary key (quarter, organization_id));
        create index ix_supervision_report_organization on workflow.supervision_report (organization_id, quarter);
        create index ix_supervision_report_grade on workflow.supervision_report (quarter, grade);

        create function workflow.refuse_report_change() returns trigger language plpgsql as $$
        begin
            raise exception 'supervision reports are immutable' using errcode = '42501';
        end $$;
        create trigger tr_supervision_report_immutable before update or delete on workflow.supervision_report
            for each row execute function workflow.refuse_report_change();

        -- The branch's answer to a yellow or red scorecard (what it will do), which closes the to-do.
        create table workflow.supervision_response (
            quarter text not null,
            organization_id uuid not null,
            response text not null,
            responded_at timestamptz not null default now(),
            responded_by uuid,
            primary key (quarter, organization_id),
            foreign key (quarter, organization_id) references workflow.supervision_report (quarter, organization_id));

        -- 督导检查: a supervisor's visit, its findings and the rectifications it requires.
        create table workflow.onsite_check (
            id uuid primary key,
            organization_id uuid not null,
            checked_on date not null,
            inspectors text not null,
            findings text not null,
            recorded_at timestamptz not null default now(),
            recorded_by uuid);
        create index ix_onsite_check_organization on workflow.onsite_check (organization_id, checked_on desc);

        create table workflow.rectification (
            id uuid primary key,
            check_id uuid not null references workflow.onsite_check (id),
            organization_id uuid not null,
            requirement text not null,
            due_on date not null,
            -- open | done
            status text not null default 'open' check (status in ('open', 'done')),
            completed_on date,
            result text,
            version bigint not null default 1);
        create index ix_rectification_open on workflow.rectification (organization_id, due_on) where status = 'open';
        create index ix_rectification_check on workflow.rectification (check_id);
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
