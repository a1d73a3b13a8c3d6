using RedSail.Modules.Workflow.Features.Todos;

namespace RedSail.Modules.Workflow.Features.Supervision;

/// <summary>
/// A branch whose scorecard in the latest quarterly report is yellow or red must answer it (what it will do about it); the
/// to-do closes with the answer, or when a later quarter's report replaces it.
/// </summary>
internal sealed class SupervisionGradeTodos : ITodoSource
{
    public const string KindName = "supervision_grade";
    public string Kind => KindName;

    public string DueSql => """
        select 'supervision_grade:' || r.quarter || ':' || r.organization_id as source, r.organization_id, r.organization_id as subject_id,
               'workflow.todo.supervision_' || r.grade as title_key,
               jsonb_build_array(r.quarter, (select count(*) from jsonb_array_elements(r.items) i where i->>'status' = r.grade)::text) as args,
               '/workflow/supervision/' || r.quarter || '/' || r.organization_id as link,
               (r.computed_at::date + 30) as due_on
        from workflow.supervision_report r
        where r.quarter = (select max(quarter) from workflow.supervision_run)
          and r.grade <> 'green'
          and not exists (select 1 from workflow.supervision_response a where a.quarter = r.quarter and a.organization_id = r.organization_id)
          and r.organization_id = any(@organizationIds)
        """;
}

/// <summary>A rectification an on-site check required, due within 14 days or overdue, for the branch that must do it.</summary>
internal sealed class RectificationTodos : ITodoSource
{
    public const string KindName = "rectification_due";
    public string Kind => KindName;

    public string DueSql => """
        select 'rectification_due:' || r.id as source, r.organization_id, r.id as subject_id, 'workflow.todo.rectification_due' as title_key,
               jsonb_build_array(left(r.requirement, 60)) as args, '/workflow/supervision?tab=checks&check=' || r.check_id as link, r.due_on
        from workflow.rectification r
        where r.status = 'open' and r.due_on <= @today + 14
          and r.organization_id = any(@organizationIds)
        """;
}
