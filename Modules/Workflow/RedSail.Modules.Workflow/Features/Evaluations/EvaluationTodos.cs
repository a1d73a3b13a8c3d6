using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Todos;

namespace RedSail.Modules.Workflow.Features.Evaluations;

/// <summary>A branch whose secretary has not (or must again) submit the 述职 report of an open 述职测评 round; due when voting ends.</summary>
internal sealed class EvaluationReportDue : ITodoSource
{
    public const string KindName = "evaluation_report_due";
    public string Kind => KindName;

    public string DueSql => $"""
        select 'evaluation_report_due:' || r.id || ':' || s.subject_id as source, s.subject_id as organization_id, r.id as subject_id,
               'workflow.todo.evaluation_report_due' as title_key, jsonb_build_array(r.title) as args,
               '/workflow/evaluations?round=' || r.id as link, r.ends_on as due_on
        from workflow.evaluation_round r
        join workflow.evaluation_subject s on s.round_id = r.id
        where r.status = 'open' and r.kind = '{EvaluationKinds.AnnualReview}'
          and s.subject_id = any(@organizationIds)
          and not exists (select 1 from workflow.evaluation_report e
                          where e.round_id = r.id and e.organization_id = s.subject_id and e.status = 'submitted')
        """;
}

/// <summary>A round still open after its last day of voting: whoever opened it should close it (and see the results).</summary>
internal sealed class EvaluationRoundOpen : ITodoSource
{
    public const string KindName = "evaluation_round_open";
    public string Kind => KindName;

    public string DueSql => """
        select 'evaluation_round_open:' || r.id as source, r.organization_id, r.id as subject_id,
               'workflow.todo.evaluation_round_open' as title_key, jsonb_build_array(r.title) as args,
               '/workflow/evaluations?round=' || r.id as link, r.ends_on as due_on
        from workflow.evaluation_round r
        where r.status = 'open' and r.ends_on < @today
          and r.organization_id = any(@organizationIds)
        """;
}
