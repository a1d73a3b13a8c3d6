using FluentMigrator;

namespace RedSail.Migrations.Workflow;

[Migration(2, "workflow: its copy of organisations and people (fed by Personnel's events), versioned rule sets, to-dos")]
public sealed class M0002_ReadModelRulesAndTodos : Migration
{
    public override void Up() => Execute.Sql("""
        -- Workflow's own copy of the organisation tree, kept by Personnel's integration events (never read across schemas).
        create table workflow.organization (
            id uuid primary key,
            parent_id uuid,
            name text not null,
            type text not null,
            path ltree not null,
            -- active | merged | dissolved
            status text not null default 'active',
            -- the current committee term (CommitteeElected): supervision reports its expiry
            term_id uuid,
            term_ends_on date);
        create index ix_workflow_organization_path on workflow.organization using gist (path);
        create index ix_workflow_organization_parent on workflow.organization (parent_id);

        -- People as Workflow needs them: the roster of a branch, party status and dates (no sensitive values).
        create table workflow.person (
            id uuid primary key,
            organization_id uuid not null,
            name text not null,
            gender text not null,
            birth_date date not null,
            party_status text not null,
            joined_on date,
            converted_on date,
            -- active | flowing | lost_contact | transferred_out
            relation text not null default 'active');
        create index ix_workflow_person_organization on workflow.person (organization_id, name);

        -- The current committee's members (CommitteeElected replaces an organisation's seats).
        create table workflow.committee_seat (
            organization_id uuid not null,
            person_id uuid not null,
            post text not null,
            primary key (organization_id, person_id));

        create table workflow.rule_set (
            id uuid primary key,
            name text not null,
            source text not null,
            effective_from date not null unique,
            rules jsonb not null,
            created_at timestamptz not null default now(),
            created_by uuid);

        insert into workflow.rule_set (id, name, source, effective_from, rules) values (
            '0193a000-0000-7000-8000-000000012014',
            '2014年细则、党费规定及支部工作条例',
            '《中国共产党发展党员工作细则》（2014）；《关于中国共产党党费收缴、使用和管理的规定》（中组发〔2008〕3号）；《中国共产党支部工作条例（试行）》（2018）',
            date '2014-05-28',
            '{}');

        -- One to-do per thing someone must act on, addressed to an organisation: whoever may write there sees it.
        -- A source computes what is due now; refreshing opens what is new and closes what is resolved.
        create table workflow.todo (
            id uuid primary key,
            -- the stable key of the thing to act on, e.g. recruitment:<file>:7
            source text not null unique,
            kind text not null,
            organization_id uuid not null,
            -- the person, meeting, file … the to-do is about
            subject_id uuid,
            title_key text not null,
            args jsonb not null default '{}',
            -- where in the UI it is resolved
            link text not null,
            due_on date,
            opened_at timestamptz not null default now(),
            closed_at timestamptz,
            version bigint not null default 1);
        create index ix_workflow_todo_open on workflow.todo (organization_id, due_on) where closed_at is null;
        create index ix_workflow_todo_kind_open on workflow.todo (kind) where closed_at is null;

        -- The demo's year of party work was added (once per database).
        create table workflow.demo_seed (seed int primary key, seeded_at timestamptz not null default now());
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
