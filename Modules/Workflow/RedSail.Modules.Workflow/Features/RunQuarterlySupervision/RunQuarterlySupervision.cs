using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Rules;
using RedSail.Modules.Workflow.Features.Supervision;
using RedSail.Modules.Workflow.Features.Todos;

namespace RedSail.Modules.Workflow.Features.RunQuarterlySupervision;

/// <summary>
/// 季度督导: judges every branch for an ended quarter (the last one when none is named) with the rules in force at its end,
/// stores the scorecards as the quarter's immutable report, opens to-dos for the branches that are not green, and announces
/// <see cref="QuarterlySupervisionCompleted"/>. Sent by the scheduler on the first day of each quarter, or on demand. A
/// quarter is judged once: running it again (or on two hosts at once) returns the stored result unchanged.
/// </summary>
internal sealed record RunQuarterlySupervision(string? Quarter) : ICommand<SupervisionRun>
{
    public string AuditAction => "workflow.supervision.run";
    public AuditTarget AuditTarget => new("supervision_run", Quarter);
}

internal sealed record SupervisionRun(string Quarter, int Branches, int Green, int Yellow, int Red, bool AlreadyRun) : IAuditedResult
{
    public AuditTarget? AuditTarget => new("supervision_run", Quarter);
    public bool Remarkable => !AlreadyRun;
}

internal sealed class RunQuarterlySupervisionValidator : IValidator<RunQuarterlySupervision>
{
    public void Validate(RunQuarterlySupervision request, ValidationErrors errors)
    {
        if (request.Quarter is not null && !Quarter.TryParse(request.Quarter, out _)) errors.Add("quarter", "workflow.supervision.quarter_invalid");
    }
}

internal sealed class RunQuarterlySupervisionHandler(WorkflowDb db, RequestContext context, TodoBook todos, IClock clock)
    : IRequestHandler<RunQuarterlySupervision, SupervisionRun>
{
    private const string Counts = """
        select quarter, branches, green, yellow, red from workflow.supervision_run where quarter = @quarter
        """;

    public async Task<SupervisionRun> Handle(RunQuarterlySupervision request, CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var quarter = request.Quarter is null ? Quarter.LastEnded(today) : Parse(request.Quarter);
        if (!quarter.HasEnded(today))
            throw new RuleViolationException("quarter_running", "workflow.supervision.quarter_running", quarter.ToString());
        var rules = await RuleBook.LoadAsync(db, cancellationToken);
        // Judging 60,000 branches is one statement of tens of seconds at national scale: more than a request's 30.
        db.CommandTimeoutSeconds = 600;

        // The run row is the claim: a second run (or a second host) waits here for the first to commit, then finds it.
        var claimed = await db.ExecuteAsync("""
            insert into workflow.supervision_run (quarter, rule_set_id, branches, green, yellow, red, run_by)
            values (@quarter, @ruleSetId, 0, 0, 0, 0, @runBy) on conflict (quarter) do nothing
            """, new { quarter = quarter.ToString(), ruleSetId = rules.VersionAt(quarter.End)?.Id, runBy = context.Principal.UserId },
            cancellationToken);
        if (claimed == 0)
        {
            var stored = await db.QuerySingleAsync<Row>(Counts, new { quarter = quarter.ToString() }, cancellationToken);
            return new SupervisionRun(stored.Quarter, stored.Branches, stored.Green, stored.Yellow, stored.Red, true);
        }

        var parameters = Scorecard.Parameters(quarter, Scorecard.AsOf(quarter, today), rules, null);
        parameters.Add("quarter", quarter.ToString());
        var row = await db.QuerySingleAsync<Row>($"""
            with stored as (
                insert into workflow.supervision_report (quarter, organization_id, organization_name, grade, items)
                select @quarter, s.organization_id, s.organization_name, s.grade, s.items from ({Scorecard.Sql}) s
                returning grade)
            update workflow.supervision_run r
            set branches = c.branches, green = c.green, yellow = c.yellow, red = c.red
            from (select count(*)::int as branches, count(*) filter (where grade = 'green')::int as green,
                         count(*) filter (where grade = 'yellow')::int as yellow, count(*) filter (where grade = 'red')::int as red
                  from stored) c
            where r.quarter = @quarter
            returning r.quarter, r.branches, r.green, r.yellow, r.red
            """, parameters, cancellationToken);
        await db.PublishAsync(new QuarterlySupervisionCompleted(row.Quarter, row.Branches, row.Green, row.Yellow, row.Red), cancellationToken);
        await todos.RefreshAsync(SupervisionGradeTodos.KindName, null, cancellationToken);
        return new SupervisionRun(row.Quarter, row.Branches, row.Green, row.Yellow, row.Red, false);
    }

    private static Quarter Parse(string text) => Quarter.TryParse(text, out var quarter) ? quarter : throw new InvalidOperationException();

    private sealed record Row(string Quarter, int Branches, int Green, int Yellow, int Red);
}

internal static class RunQuarterlySupervisionEndpoint
{
    public static void MapRunQuarterlySupervision(this IEndpointRouteBuilder api) =>
        api.MapPost("/supervision/runs", (RunQuarterlySupervision command, IMediator mediator, CancellationToken ct) => mediator.Send(command, ct))
            .WithName("RunQuarterlySupervision").WithSummary("季度督导：对已结束的季度生成各支部的督导报告（每季度一次，重复执行返回已有结果）")
            .RequirePermission(WorkflowPermissions.Supervise);
}
