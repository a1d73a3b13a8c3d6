using System.Text.Json;
using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Domain;

namespace RedSail.Modules.Workflow.Features.Recruitment;

/// <summary>A recruitment file with its person and organisation, as the slices read it.</summary>
internal sealed class RecruitmentFileRow
{
    public Guid Id { get; init; }
    public Guid PersonId { get; init; }
    public string PersonName { get; init; } = "";
    public Guid OrganizationId { get; init; }
    public string OrganizationName { get; init; } = "";
    public DateOnly AppliedOn { get; init; }
    public Guid? RuleSetId { get; init; }
    public int Stage { get; init; }
    public int NextStep { get; init; }
    public DateOnly? NextDueOn { get; init; }
    public DateOnly? NextEarliestOn { get; init; }
    public string Status { get; init; } = "";
    public string? Outcome { get; init; }
    public string? ClosedReason { get; init; }
    public DateOnly? ClosedOn { get; init; }
    public int ProbationExtendedMonths { get; init; }
    public long Version { get; init; }

    public const string Columns = """
        f.id, f.person_id, p.name as person_name, f.organization_id, o.name as organization_name, f.applied_on, f.rule_set_id, f.stage,
        f.next_step, f.next_due_on, f.next_earliest_on, f.status, f.outcome, f.closed_reason, f.closed_on, f.probation_extended_months, f.version
        """;
}

/// <summary>A completed step as stored.</summary>
internal sealed class RecruitmentStepRow
{
    public int Step { get; init; }
    public DateOnly CompletedOn { get; init; }
    public string Actor { get; init; } = "";
    public string? Opinion { get; init; }
    public string Materials { get; init; } = "[]";
    public string Details { get; init; } = "{}";
    public DateTime RecordedAt { get; init; }

    public StepDetails ParsedDetails => JsonSerializer.Deserialize<StepDetails>(Details, RecruitmentFiles.Json) ?? StepDetails.None;
    public IReadOnlyList<string> ParsedMaterials => JsonSerializer.Deserialize<string[]>(Materials, RecruitmentFiles.Json) ?? [];
}

/// <summary>What the recruitment slices share: the scoped load of a file, its steps, and the JSON of the details.</summary>
internal static class RecruitmentFiles
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// The file if its organisation is in the caller's scope for <paramref name="permission"/>; otherwise 404, as for a missing one.
    /// <paramref name="forUpdate"/> locks it for the command that changes it.
    /// </summary>
    public static async Task<RecruitmentFileRow> LoadAsync(WorkflowDb db, RequestContext context, string permission, Guid fileId, bool forUpdate,
        CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<RecruitmentFileRow>($"""
            select {RecruitmentFileRow.Columns}
            from workflow.recruitment_file f
            join workflow.organization o on o.id = f.organization_id
            join workflow.person p on p.id = f.person_id
            where f.id = @fileId and {WorkflowScope.Within("o")}
            {(forUpdate ? "for update of f" : "")}
            """, WorkflowScope.Parameters(context.Principal.ScopeFor(permission), new { fileId }), ct)
        ?? throw new NotFoundException("recruitment_file", fileId.ToString());

    public static Task<IReadOnlyList<RecruitmentStepRow>> StepsAsync(WorkflowDb db, Guid fileId, CancellationToken ct) =>
        db.QueryAsync<RecruitmentStepRow>("""
            select step, completed_on, actor, opinion, materials::text as materials, details::text as details, recorded_at
            from workflow.recruitment_step where file_id = @fileId order by step
            """, new { fileId }, ct);

    public static Task RecordStepAsync(WorkflowDb db, Guid fileId, int step, DateOnly completedOn, string actor, string? opinion,
        IReadOnlyList<string> materials, StepDetails details, Guid? recordedBy, CancellationToken ct) =>
        db.ExecuteAsync("""
            insert into workflow.recruitment_step (file_id, step, completed_on, actor, opinion, materials, details, recorded_by)
            values (@fileId, @step, @completedOn, @actor, @opinion, @materials::jsonb, @details::jsonb, @recordedBy)
            """, new
            {
                fileId, step, completedOn, actor, opinion,
                materials = JsonSerializer.Serialize(materials, Json), details = JsonSerializer.Serialize(details, Json), recordedBy,
            }, ct);

    /// <summary>Both kinds of recruitment to-do, after a change to a file of the organisation.</summary>
    public static async Task RefreshTodosAsync(Todos.TodoBook todos, Guid organizationId, CancellationToken ct)
    {
        await todos.RefreshAsync(RecruitmentOverdueTodos.KindName, organizationId, ct);
        await todos.RefreshAsync(RecruitmentUpcomingTodos.KindName, organizationId, ct);
    }
}
