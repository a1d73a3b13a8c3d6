using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Todos;

namespace RedSail.Modules.Workflow.Features.Dues;

/// <summary>
/// 欠缴党费: a member with at least the rule set's alert number of unpaid past months, one to-do per member at their branch,
/// due the day before the unpaid run would reach the 自行脱党 limit; it closes when they are paid up below the alert. The
/// current month is not arrears yet (it may be paid until its end). The numbers come from the rule set in force today.
/// </summary>
internal sealed class DuesArrearsTodos : ITodoSource
{
    public const string KindName = "dues_arrears";
    public string Kind => KindName;

    public string DueSql => $"""
        with rules as (
            select coalesce((select (rules->'dues'->>'arrearsAlertMonths')::int from workflow.rule_set where effective_from <= @today
                             order by effective_from desc limit 1), {WorkflowRules.Regulation2014.Dues.ArrearsAlertMonths}) as alert,
                   coalesce((select (rules->'dues'->>'arrearsLimitMonths')::int from workflow.rule_set where effective_from <= @today
                             order by effective_from desc limit 1), {WorkflowRules.Regulation2014.Dues.ArrearsLimitMonths}) as limit_months),
        owed as (
            -- Per person of the organisations asked for, from the index of unpaid months (ix_workflow_dues_month_owed): grouping
            -- every unpaid month of the country first cost seconds for each organisation refreshed.
            select p.id as person_id, p.organization_id, p.name, u.months, u.oldest
            from workflow.person p
            cross join lateral (select count(*) as months, min(d.month) as oldest from workflow.dues_month d
                                where d.person_id = p.id and d.paid < d.amount_due - d.reduction
                                  and d.month < date_trunc('month', @today::date)) u
            where p.organization_id = any(@organizationIds) and p.relation <> 'transferred_out' and u.months > 0)
        select 'dues_arrears:' || owed.person_id as source, owed.organization_id, owed.person_id as subject_id, 'workflow.todo.dues_arrears' as title_key,
               jsonb_build_array(owed.name, owed.months::text) as args, '/workflow/dues?organizationId=' || owed.organization_id as link,
               (owed.oldest + make_interval(months => rules.limit_months) - interval '1 day')::date as due_on
        from owed cross join rules
        where owed.months >= rules.alert
        """;
}

/// <summary>A hardship request waiting for the higher organisation's decision.</summary>
internal sealed class DuesReductionTodos : ITodoSource
{
    public const string KindName = "dues_reduction_pending";
    public string Kind => KindName;

    public string DueSql => """
        select 'dues_reduction_pending:' || r.id as source, r.deciding_organization_id as organization_id, r.id as subject_id,
               'workflow.todo.dues_reduction_pending' as title_key, jsonb_build_array(p.name, o.name) as args,
               '/workflow/dues?tab=reductions&organizationId=' || r.deciding_organization_id as link, (r.requested_at::date + 30) as due_on
        from workflow.dues_reduction r
        join workflow.person p on p.id = r.person_id
        join workflow.organization o on o.id = r.organization_id
        where r.status = 'pending' and r.deciding_organization_id = any(@organizationIds)
        """;
}
