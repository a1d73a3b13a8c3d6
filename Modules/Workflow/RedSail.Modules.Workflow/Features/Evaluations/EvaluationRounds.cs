using System.Text.Json;
using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Domain;

namespace RedSail.Modules.Workflow.Features.Evaluations;

/// <summary>A round as stored, with its organisation's name; <see cref="Settings"/> is its configuration.</summary>
internal sealed class EvaluationRound
{
    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public string OrganizationName { get; init; } = "";
    public string Kind { get; init; } = "";
    public int Year { get; init; }
    public string Title { get; init; } = "";
    public DateOnly StartsOn { get; init; }
    public DateOnly EndsOn { get; init; }
    public string Electorate { get; init; } = "";
    public string Config { get; init; } = "{}";
    public string Status { get; init; } = "";
    public long Version { get; init; }
    public int? EligibleCount { get; init; }
    public int? BallotCount { get; init; }
    public bool? Valid { get; init; }

    public bool IsOpen => Status == EvaluationRounds.Open;
    public EvaluationConfig Settings => EvaluationRounds.ReadConfig(Config);
}

internal static class EvaluationRounds
{
    public const string Open = "open";
    public const string Closed = "closed";
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static EvaluationConfig ReadConfig(string json) => JsonSerializer.Deserialize<EvaluationConfig>(json, Json) ?? new();

    public const string Columns = """
        r.id, r.organization_id, o.name as organization_name, r.kind, r.year, r.title, r.starts_on, r.ends_on, r.electorate,
        r.config::text as config, r.status, r.version, r.eligible_count, r.ballot_count, r.valid
        """;

    /// <summary>
    /// SQL: the round (alias <paramref name="round"/>, its organisation <paramref name="organization"/>) is in scope, or one of the
    /// branches it evaluates is (a branch secretary sees the committee's 述职测评 round they must report to).
    /// </summary>
    public static string Visible(string round, string organization) => $"""
        ({WorkflowScope.Within(organization)} or exists (
            select 1 from workflow.evaluation_subject vs join workflow.organization vo on vo.id = vs.subject_id
            where vs.round_id = {round}.id and {round}.kind = '{EvaluationKinds.AnnualReview}' and {WorkflowScope.Within("vo")}))
        """;

    /// <summary>The round, if its organisation is in the caller's scope for <paramref name="permission"/>; 404 otherwise (like a missing one).</summary>
    public static async Task<EvaluationRound> LoadAsync(WorkflowDb db, RequestContext context, string permission, Guid roundId,
        CancellationToken ct, bool forUpdate = false) =>
        await db.QuerySingleOrDefaultAsync<EvaluationRound>($"""
            select {Columns}
            from workflow.evaluation_round r join workflow.organization o on o.id = r.organization_id
            where r.id = @roundId and {WorkflowScope.Within("o")}
            {(forUpdate ? "for update of r" : "")}
            """, WorkflowScope.Parameters(context.Principal.ScopeFor(permission), new { roundId }), ct)
        ?? throw new NotFoundException("evaluation_round", roundId.ToString());

    /// <summary>
    /// The caller's own person, by the employee number of their account (a member votes as themselves), within their
    /// self-service scope. Null when the account has no employee number or it matches nobody there.
    /// </summary>
    public static Task<Guid?> MyPersonAsync(WorkflowDb db, RequestContext context, string permission, CancellationToken ct) =>
        context.Principal.EmployeeNumber is not { Length: > 0 } employeeNumber
            ? Task.FromResult<Guid?>(null)
            : db.QuerySingleOrDefaultAsync<Guid?>($"""
                select p.id from workflow.person p join workflow.organization o on o.id = p.organization_id
                where p.employee_number = @employeeNumber and p.relation <> 'transferred_out' and {WorkflowScope.Within("o")}
                limit 1
                """, WorkflowScope.Parameters(context.Principal.ScopeFor(permission), new { employeeNumber }), ct);
}
