using RedSail.Modules.Workflow.Contracts;

namespace RedSail.Modules.Workflow.Features.ListSupervisionRuns;

/// <summary>The quarters judged so far, newest first, with branches by grade (the same for every reader: counts only).</summary>
internal sealed record ListSupervisionRuns : IQuery<IReadOnlyList<SupervisionRunView>>;

internal sealed record SupervisionRunView(string Quarter, DateTime StartedAt, int Branches, int Green, int Yellow, int Red);

internal sealed class ListSupervisionRunsHandler(WorkflowDb db) : IRequestHandler<ListSupervisionRuns, IReadOnlyList<SupervisionRunView>>
{
    public Task<IReadOnlyList<SupervisionRunView>> Handle(ListSupervisionRuns request, CancellationToken cancellationToken) =>
        db.QueryAsync<SupervisionRunView>(
            "select quarter, started_at, branches, green, yellow, red from workflow.supervision_run order by quarter desc limit 40", null,
            cancellationToken);
}

internal static class ListSupervisionRunsEndpoint
{
    public static void MapListSupervisionRuns(this IEndpointRouteBuilder api) =>
        api.MapGet("/supervision/runs", (IMediator mediator, CancellationToken ct) => mediator.Send(new ListSupervisionRuns(), ct))
            .WithName("ListSupervisionRuns").WithSummary("已督导的季度及各色支部数").RequirePermission(WorkflowPermissions.Read);
}
