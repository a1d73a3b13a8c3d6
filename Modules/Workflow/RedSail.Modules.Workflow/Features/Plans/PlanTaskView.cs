namespace RedSail.Modules.Workflow.Features.Plans;

/// <summary>A task as lists and the detail show it; <see cref="Overdue"/> is open past its due date.</summary>
internal sealed class PlanTaskView
{
    public Guid Id { get; init; }
    public Guid PlanId { get; init; }
    public int Year { get; init; }
    public Guid OrganizationId { get; init; }
    public string OrganizationName { get; init; } = "";
    public Guid OwnerOrganizationId { get; init; }
    public string OwnerName { get; init; } = "";
    public Guid? AnswersTaskId { get; init; }
    public string Title { get; init; } = "";
    public string? ExpectedResult { get; init; }
    public DateOnly DueOn { get; init; }
    public string Status { get; init; } = "";
    public DateOnly? CompletedOn { get; init; }
    public string? CompletionNote { get; init; }
    public bool Accepted { get; init; }
    public bool Overdue { get; init; }
    public int Attachments { get; init; }
    public long Version { get; init; }

    /// <summary>
    /// The columns, from <c>workflow.plan_task t</c> joined to <c>workflow.plan p</c>, the plan's organisation <c>po</c> and
    /// the owner <c>oo</c> (<see cref="From"/>); reads <c>@today</c>.
    /// </summary>
    public const string Columns = """
        t.id, t.plan_id, p.year, t.organization_id, po.name as organization_name, t.owner_organization_id, oo.name as owner_name,
        t.answers_task_id, t.title, t.expected_result, t.due_on, t.status, t.completed_on, t.completion_note,
        t.accepted_at is not null as accepted, (t.status = 'open' and t.due_on < @today) as overdue,
        (select count(*)::int from workflow.plan_task_attachment a where a.task_id = t.id) as attachments, t.version
        """;

    public const string From = """
        workflow.plan_task t join workflow.plan p on p.id = t.plan_id
        join workflow.organization po on po.id = t.organization_id join workflow.organization oo on oo.id = t.owner_organization_id
        """;
}
