using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Features.Todos;

namespace RedSail.Modules.Workflow.Features.SeedDemoData;

/// <summary>
/// One line of work's share of the demo (meetings, recruitment, dues …): it adds its rows with set-based SQL over
/// <c>workflow.organization</c> and <c>workflow.person</c>, deterministic for a seed, dated relative to today.
/// Parts run in <see cref="Order"/> (a later part may read an earlier one's rows).
/// </summary>
internal interface IWorkflowDemoPart
{
    int Order { get; }
    Task<int> SeedAsync(WorkflowDb db, int seed, DateOnly today, CancellationToken ct);
}

internal sealed class SeedWorkflowDemoDataHandler(WorkflowDb db, IEnumerable<IWorkflowDemoPart> parts, TodoBook todos, IClock clock)
    : IRequestHandler<SeedWorkflowDemoData, int>
{
    public async Task<int> Handle(SeedWorkflowDemoData request, CancellationToken cancellationToken)
    {
        if (await db.ExecuteScalarAsync<bool>("select exists (select 1 from workflow.demo_seed)", null, cancellationToken)) return 0;
        await db.ExecuteAsync("insert into workflow.demo_seed (seed) values (@Seed)", request, cancellationToken);
        var added = 0;
        foreach (var part in parts.OrderBy(p => p.Order)) added += await part.SeedAsync(db, request.Seed, clock.Today, cancellationToken);
        // What the demo's history makes due now shows on the to-do list from the first sign-in.
        await todos.RefreshAsync(null, null, cancellationToken);
        return added;
    }
}
