using FluentMigrator;

namespace RedSail.Migrations.Workflow;

[Migration(40, "workflow: annual plans (年初部署, 年度工作布局), their tasks with completion reports, evidence and history")]
public sealed class M0040_PlansAndTasks : Migration
{
    public override void Up() => Execute.Sql("""
        -- One plan per organisation and year: the committee's deployment, or a branch's own annual plan.
        create table workflow.plan (
            id uuid primary key,
            organization_id uuid not null,
            year int not null,
            -- committee | branch
            level text not null,
            title text not null,
            summary text,
            -- draft | published (a draft's tasks are not yet anyone's)
            status text not null default 'draft',
            published_at timestamptz,
            version bigint not null default 1,
            unique (organization_id, year));

        -- A task of a plan, owned by one branch (a committee task for several branches is one task per branch).
        create table workflow.plan_task (
            id uuid primary key,
            plan_id uuid not null references workflow.plan (id),
            -- the plan's organisation (who assigned it)
            organization_id uuid not null,
            -- the branch that must do it (a branch's own task: itself)
            owner_organization_id uuid not null,
            -- a branch task answering a committee task (年度工作布局 answers 年初部署)
            answers_task_id uuid references workflow.plan_task (id),
            title text not null,
            expected_result text,
            due_on date not null,
            -- open | done | cancelled
            status text not null default 'open',
            completed_on date,
            completion_note text,
            -- the assigning committee accepted the reported result (a returned report clears the completion instead)
            accepted_at timestamptz,
            version bigint not null default 1);
        create index ix_workflow_plan_task_plan on workflow.plan_task (plan_id, due_on);
        -- the branch's list, the due to-dos and the quarterly supervision read by owner and due date
        create index ix_workflow_plan_task_owner on workflow.plan_task (owner_organization_id, due_on);
        create index ix_workflow_plan_task_answers on workflow.plan_task (answers_task_id) where answers_task_id is not null;

        -- Evidence of a completion (no file store yet: small files in the row, content type from the magic bytes).
        create table workflow.plan_task_attachment (
            id uuid primary key,
            task_id uuid not null references workflow.plan_task (id),
            file_name text not null,
            content_type text not null,
            size int not null,
            sha256 bytea not null,
            content bytea not null,
            uploaded_at timestamptz not null default now(),
            uploaded_by uuid);
        create index ix_workflow_plan_task_attachment_task on workflow.plan_task_attachment (task_id);

        -- What happened to a task: assigned, changed, reported, returned (with the reason), accepted, cancelled.
        create table workflow.plan_task_event (
            id uuid primary key,
            task_id uuid not null references workflow.plan_task (id),
            action text not null,
            note text,
            at timestamptz not null default now(),
            by_user uuid);
        create index ix_workflow_plan_task_event_task on workflow.plan_task_event (task_id, at);
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
