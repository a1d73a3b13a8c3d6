using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Todos;

namespace RedSail.Modules.Workflow.Features.Recruitment;

/// <summary>SQL shared by the recruitment to-dos: files under way whose next step is not yet done.</summary>
internal static class RecruitmentTodoSql
{
    public static string Due(string kind, string condition, string dueOn) => $"""
        select '{kind}:' || f.id || ':' || f.next_step as source, f.organization_id, f.id as subject_id,
               'workflow.todo.{kind}' as title_key,
               jsonb_build_array(p.name, f.next_step::text, to_char({dueOn}, 'YYYY-MM-DD')) as args,
               '/workflow/recruitment/' || f.id as link, {dueOn} as due_on
        from workflow.recruitment_file f
        join workflow.person p on p.id = f.person_id
        left join workflow.rule_set rs on rs.id = f.rule_set_id
        where f.status <> 'closed' and f.next_step <= {RecruitmentSteps.Last}
          and f.organization_id = any(@organizationIds)
          and {condition}
        """;
}

/// <summary>The next step of a file is past its due date (e.g. the talk a month after the application).</summary>
internal sealed class RecruitmentOverdueTodos : ITodoSource
{
    public const string KindName = "recruitment_overdue";
    public string Kind => KindName;
    public string DueSql => RecruitmentTodoSql.Due(KindName, "f.next_due_on < @today", "f.next_due_on");
}

/// <summary>
/// The next step is due within the file's rule set's upcoming days, or — for a step that only has an earliest date, such as
/// the candidate after a year as an activist (step 7) or the conversion application at the end of probation (step 22) — it may
/// now be taken.
/// </summary>
internal sealed class RecruitmentUpcomingTodos : ITodoSource
{
    public const string KindName = "recruitment_upcoming";
    public string Kind => KindName;

    // The days come from the rule set the file runs under (its application date's), the 2014 figure when the set has none.
    private static readonly string UpcomingDays =
        $"coalesce((rs.rules->'recruitment'->>'upcomingDays')::int, {WorkflowRules.Regulation2014.Recruitment.UpcomingDays})";

    public string DueSql => RecruitmentTodoSql.Due(KindName,
        $"((f.next_due_on >= @today and f.next_due_on <= @today::date + {UpcomingDays}) or (f.next_due_on is null and f.next_earliest_on <= @today))",
        "coalesce(f.next_due_on, f.next_earliest_on)");
}
