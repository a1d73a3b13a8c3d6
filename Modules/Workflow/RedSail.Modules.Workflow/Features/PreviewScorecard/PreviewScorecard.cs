using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Rules;
using RedSail.Modules.Workflow.Features.Supervision;

namespace RedSail.Modules.Workflow.Features.PreviewScorecard;

/// <summary>
/// A branch's scorecard for the running quarter, computed now and not stored: what the quarter's report would say today
/// (unmet periods still running are yellow). Also the OA's "branch scorecard" API.
/// </summary>
internal sealed record PreviewScorecard(Guid OrganizationId) : IQuery<ScorecardView>;

internal sealed class PreviewScorecardHandler(WorkflowDb db, RequestContext context, IClock clock) : IRequestHandler<PreviewScorecard, ScorecardView>
{
    public async Task<ScorecardView> Handle(PreviewScorecard q, CancellationToken cancellationToken)
    {
        await WorkflowScope.EnsureBranchAsync(db, context, WorkflowPermissions.Read, q.OrganizationId, cancellationToken);
        var today = clock.Today;
        var quarter = Quarter.Of(today);
        var parameters = Scorecard.Parameters(quarter, today, await RuleBook.LoadAsync(db, cancellationToken), q.OrganizationId);
        var row = await db.QuerySingleAsync<ScorecardRow>(
            $"select '{quarter}' as quarter, s.organization_id, s.organization_name, s.grade, s.items::text as items from ({Scorecard.Sql}) s",
            parameters, cancellationToken);
        return row.View(false);
    }
}

internal static class PreviewScorecardEndpoint
{
    public static void MapPreviewScorecard(this IEndpointRouteBuilder api) =>
        api.MapGet("/supervision/scorecards/{organizationId:guid}/current", (Guid organizationId, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new PreviewScorecard(organizationId), ct))
            .WithName("PreviewScorecard").WithSummary("支部本季度实时记分卡（不保存）").RequirePermission(WorkflowPermissions.Read);
}
