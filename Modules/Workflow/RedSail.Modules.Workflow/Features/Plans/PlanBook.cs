using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;

namespace RedSail.Modules.Workflow.Features.Plans;

/// <summary>
/// Loads plans and tasks for a command, locked, with the scope check of the side that acts: the assigning organisation
/// (plan owner) or the owning branch. Out of scope is 404 like a missing row; a stale version is 409.
/// </summary>
internal static class PlanBook
{
    public static async Task<PlanRow> LockPlanAsync(WorkflowDb db, RequestContext context, Guid planId, long? version, CancellationToken ct)
    {
        var plan = await db.QuerySingleOrDefaultAsync<PlanRow>("""
            select id, organization_id, year, level, title, status, version from workflow.plan where id = @planId for update
            """, new { planId }, ct) ?? throw new NotFoundException("plan", planId.ToString());
        await WorkflowScope.EnsureAsync(db, context, WorkflowPermissions.Write, plan.OrganizationId, ct);
        if (version is not null && version != plan.Version) throw new ConcurrencyException(plan.Version);
        return plan;
    }

    /// <summary>The task, if the caller may act on it as the assigner (<paramref name="asOwner"/> false) or as the owning branch.</summary>
    public static async Task<TaskRow> LockTaskAsync(WorkflowDb db, RequestContext context, Guid taskId, bool asOwner, long? version,
        CancellationToken ct)
    {
        var task = await db.QuerySingleOrDefaultAsync<TaskRow>("""
            select t.id, t.plan_id, t.organization_id, t.owner_organization_id, t.answers_task_id, t.title, t.due_on, t.status,
                   t.accepted_at is not null as accepted, t.version, p.status as plan_status, p.year
            from workflow.plan_task t join workflow.plan p on p.id = t.plan_id
            where t.id = @taskId for update of t
            """, new { taskId }, ct) ?? throw new NotFoundException("plan_task", taskId.ToString());
        // A draft's tasks are nobody's yet: the owning branch cannot see them.
        if (asOwner && task.PlanStatus != PlanTasks.Published) throw new NotFoundException("plan_task", taskId.ToString());
        await WorkflowScope.EnsureAsync(db, context, WorkflowPermissions.Write, asOwner ? task.OwnerOrganizationId : task.OrganizationId, ct);
        if (version is not null && version != task.Version) throw new ConcurrencyException(task.Version);
        return task;
    }

    /// <summary>
    /// Read access to a task: the assigner's subtree sees all its tasks, the owner's subtree sees them once published.
    /// A SQL condition on aliases <c>t</c> (task), <c>p</c> (plan), <c>po</c> (plan's organisation), <c>oo</c> (owner).
    /// </summary>
    public static string TaskVisible => $"({WorkflowScope.Within("po")} or (p.status = 'published' and {WorkflowScope.Within("oo")}))";

    /// <summary>Records what happened to tasks, one row each (set-based).</summary>
    public static Task RecordAsync(WorkflowDb db, RequestContext context, IReadOnlyCollection<Guid> taskIds, string action, string? note,
        CancellationToken ct) =>
        db.ExecuteAsync("""
            insert into workflow.plan_task_event (id, task_id, action, note, by_user)
            select gen_random_uuid(), t, @action, @note, @userId from unnest(@taskIds) t
            """, new { taskIds = taskIds.ToArray(), action, note, userId = context.Principal.UserId }, ct);

    /// <summary>The task's validated fields, shared by adding, answering and updating.</summary>
    public static void CheckTask(string? title, string? expectedResult, DateOnly? dueOn, int? planYear, ValidationErrors errors)
    {
        errors.RequiredMax("title", title, 200).MaxLength("expectedResult", expectedResult, 2000);
        if (dueOn is null) errors.Add("dueOn", "validation.required");
        // Past due dates are allowed: a plan may be recorded afterwards, and an overdue task is exactly what supervision counts.
        else if (planYear is not null && dueOn.Value.Year != planYear && dueOn.Value.Year != planYear + 1)
            errors.Add("dueOn", "workflow.plans.due_outside_year", planYear);
    }
}

internal sealed class PlanRow
{
    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public int Year { get; init; }
    public string Level { get; init; } = "";
    public string Title { get; init; } = "";
    public string Status { get; init; } = "";
    public long Version { get; init; }
}

internal sealed class TaskRow
{
    public Guid Id { get; init; }
    public Guid PlanId { get; init; }
    public Guid OrganizationId { get; init; }
    public Guid OwnerOrganizationId { get; init; }
    public Guid? AnswersTaskId { get; init; }
    public string Title { get; init; } = "";
    public DateOnly DueOn { get; init; }
    public string Status { get; init; } = "";
    public bool Accepted { get; init; }
    public long Version { get; init; }
    public string PlanStatus { get; init; } = "";
    public int Year { get; init; }
}

/// <summary>A task's new version, for the client's next command.</summary>
internal sealed record PlanTaskVersion(Guid Id, long Version) : IAuditedResult
{
    public AuditTarget? AuditTarget => new("workflow_plan_task", Id.ToString());
}
