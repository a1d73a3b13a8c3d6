using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Features.Todos;

namespace RedSail.Modules.Workflow.Features.SeedDemoData;

internal sealed class SeedWorkflowDemoDataHandler(WorkflowDb db, IEnumerable<IDemoPart<WorkflowDb>> parts, TodoBook todos, IClock clock)
    : IRequestHandler<SeedWorkflowDemoData, int>
{
    public async Task<int> Handle(SeedWorkflowDemoData request, CancellationToken cancellationToken)
    {
        // Each line of work adds its share (IDemoPart<WorkflowDb> in its slice) over the read model.
        var added = await DemoSeeding.RunOnceAsync(db, parts, request.Seed, clock.Today, cancellationToken);
        // What the demo's history makes due now shows on the to-do list from the first sign-in.
        await todos.RefreshAsync(null, null, cancellationToken);
        return added;
    }
}
