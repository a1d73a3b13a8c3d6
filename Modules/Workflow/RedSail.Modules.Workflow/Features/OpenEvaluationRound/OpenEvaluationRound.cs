using System.Text.Json;
using Npgsql;
using RedSail.BuildingBlocks.Localization;
using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Evaluations;
using RedSail.Modules.Workflow.Features.Todos;

namespace RedSail.Modules.Workflow.Features.OpenEvaluationRound;

/// <summary>
/// Opens a round for a year: 民主评议党员 at a branch (its full members vote on every member), or 年终述职测评 at a committee
/// (its branches report and are scored by the committee's evaluators, or by all voting members of the subtree). Who may
/// vote and what is graded are fixed now; one round per organisation, kind and year.
/// </summary>
internal sealed record OpenEvaluationRound(Guid? OrganizationId, string? RoundKind, int? Year, string? RoundTitle, DateOnly? VotingStartsOn,
    DateOnly? VotingEndsOn, string? Electorate, EvaluationConfig? Config) : ICommand<OpenedEvaluationRound>
{
    public string AuditAction => "workflow.evaluations.open";
    public AuditTarget AuditTarget => new("evaluation_round", null, OrganizationId?.ToString());
}

internal sealed record OpenedEvaluationRound(Guid Id, int EligibleCount, int SubjectCount) : IAuditedResult
{
    public AuditTarget? AuditTarget => new("evaluation_round", Id.ToString());
}

internal sealed class OpenEvaluationRoundValidator(IClock clock) : IValidator<OpenEvaluationRound>
{
    public void Validate(OpenEvaluationRound r, ValidationErrors errors)
    {
        if (r.OrganizationId is null) errors.Add("organizationId", "validation.required");
        if (r.RoundKind is null || !EvaluationKinds.All.Contains(r.RoundKind)) errors.Add("roundKind", "validation.required");
        if (r.Year is null) errors.Add("year", "validation.required");
        else errors.Between("year", r.Year.Value, 2000, clock.Today.Year + 1);
        errors.MaxLength("roundTitle", r.RoundTitle, 100);
        if (r.VotingStartsOn is null) errors.Add("votingStartsOn", "validation.required");
        if (r.VotingEndsOn is null) errors.Add("votingEndsOn", "validation.required");
        else if (r.VotingStartsOn is { } starts && r.VotingEndsOn < starts) errors.Add("votingEndsOn", "workflow.evaluations.ends_before_start");
        if (r.RoundKind == EvaluationKinds.AnnualReview && r.Electorate is not null && !Electorates.All.Contains(r.Electorate))
            errors.Add("electorate", "workflow.evaluations.electorate_unknown");
        r.Config?.Check(errors);
    }
}

internal sealed class OpenEvaluationRoundHandler(WorkflowDb db, RequestContext context, TodoBook todos, MessageCatalog messages)
    : IRequestHandler<OpenEvaluationRound, OpenedEvaluationRound>
{
    public async Task<OpenedEvaluationRound> Handle(OpenEvaluationRound r, CancellationToken ct)
    {
        var annual = r.RoundKind == EvaluationKinds.AnnualReview;
        var organization = annual
            ? await WorkflowScope.EnsureAsync(db, context, WorkflowPermissions.Write, r.OrganizationId!.Value, ct)
            : await WorkflowScope.EnsureBranchAsync(db, context, WorkflowPermissions.Write, r.OrganizationId!.Value, ct);
        var config = (r.Config ?? new EvaluationConfig()).For(r.RoundKind!);
        var electorate = annual ? r.Electorate ?? Electorates.Committee : Electorates.AllMembers;
        var id = Guid.NewGuid();
        try
        {
            await db.ExecuteAsync("""
                insert into workflow.evaluation_round (id, organization_id, kind, year, title, starts_on, ends_on, electorate, config, opened_by)
                values (@id, @organizationId, @kind, @year, @title, @startsOn, @endsOn, @electorate, @config::jsonb, @openedBy)
                """, new
                {
                    id, organizationId = organization.Id, kind = r.RoundKind, year = r.Year, electorate,
                    title = string.IsNullOrWhiteSpace(r.RoundTitle) ? messages.Get("workflow.evaluations.title." + r.RoundKind, r.Year!.Value) : r.RoundTitle.Trim(),
                    startsOn = r.VotingStartsOn, endsOn = r.VotingEndsOn, config = JsonSerializer.Serialize(config, EvaluationRounds.Json),
                    openedBy = context.Principal.UserId,
                }, ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new RuleViolationException("evaluation_round_exists", "workflow.evaluations.round_exists", organization.Name, r.Year!.Value);
        }
        var counts = await db.QuerySingleAsync<(int Subjects, int Voters)>(annual ? RoundMembers.AnnualSql : RoundMembers.DemocraticSql,
            new { id, organizationId = organization.Id, allMembers = electorate == Electorates.AllMembers }, ct);
        if (counts.Subjects == 0)
            throw new RuleViolationException("evaluation_no_subjects", annual ? "workflow.evaluations.no_branches" : "workflow.evaluations.no_members", organization.Name);
        if (counts.Voters == 0) throw new RuleViolationException("evaluation_no_voters", "workflow.evaluations.no_voters", organization.Name);
        if (annual) await todos.RefreshAsync(EvaluationReportDue.KindName, null, ct);
        return new OpenedEvaluationRound(id, counts.Voters, counts.Subjects);
    }
}

internal static class OpenEvaluationRoundEndpoint
{
    public static void MapOpenEvaluationRound(this IEndpointRouteBuilder api) =>
        api.MapPost("/evaluations/rounds", async (OpenEvaluationRound command, IMediator mediator, CancellationToken ct) =>
            {
                var opened = await mediator.Send(command, ct);
                return Results.Created($"/api/workflow/evaluations/rounds/{opened.Id}", opened);
            })
            .WithName("OpenEvaluationRound").WithSummary("发起测评/评议（年终述职测评或民主评议党员），确定投票人和评议对象")
            .RequirePermission(WorkflowPermissions.Write);
}
