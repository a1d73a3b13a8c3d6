using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Todos;

namespace RedSail.Modules.Workflow.Features.Plans;

/// <summary>An open task of a published plan due within <see cref="PlanTasks.DueSoonDays"/> days, or overdue: the owning branch's to-do.</summary>
internal sealed class PlanTaskDueSource : ITodoSource
{
    public const string KindName = "plan_task_due";
    public string Kind => KindName;

    public string DueSql => $"""
        select 'plan_task_due:' || t.id as source, t.owner_organization_id as organization_id, t.id as subject_id,
               'workflow.todo.plan_task_due' as title_key, jsonb_build_array(t.title, to_char(t.due_on, 'YYYY-MM-DD')) as args,
               '/workflow/plans?task=' || t.id as link, t.due_on
        from workflow.plan_task t join workflow.plan p on p.id = t.plan_id
        where t.status = 'open' and p.status = 'published' and t.due_on <= @today + {PlanTasks.DueSoonDays}
          and t.owner_organization_id = any(@organizationIds)
        """;
}

/// <summary>A result a branch reported on the committee's task, not yet accepted or returned: the committee's to-do.</summary>
internal sealed class PlanTaskReviewSource : ITodoSource
{
    public const string KindName = "plan_task_review";
    public string Kind => KindName;

    public string DueSql => """
        select 'plan_task_review:' || t.id as source, t.organization_id, t.id as subject_id,
               'workflow.todo.plan_task_review' as title_key, jsonb_build_array(o.name, t.title) as args,
               '/workflow/plans?task=' || t.id as link, null::date as due_on
        from workflow.plan_task t join workflow.organization o on o.id = t.owner_organization_id
        where t.status = 'done' and t.accepted_at is null and t.organization_id <> t.owner_organization_id
          and t.organization_id = any(@organizationIds)
        """;
}
