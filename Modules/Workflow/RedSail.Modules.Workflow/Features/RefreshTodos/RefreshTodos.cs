using RedSail.Modules.Workflow.Features.Todos;

namespace RedSail.Modules.Workflow.Features.RefreshTodos;

/// <summary>
/// Brings every to-do up to date: what the passing of time made due (a step's deadline, a month without a meeting, arrears)
/// opens, what was resolved closes. Sent periodically by the scheduler; safe to run on several hosts at once (the to-do's
/// source key is unique, and a second run finds nothing to change). It commits slice by slice (<see cref="TodoBook.RefreshEverywhereAsync"/>).
/// </summary>
internal sealed record RefreshTodos : ICommand<RefreshedTodos>
{
    public string AuditAction => "workflow.todos.refresh";
    public AuditTarget? AuditTarget => null;
}

/// <summary>How many to-dos opened, changed or closed; an idle run leaves no audit row.</summary>
internal sealed record RefreshedTodos(int Changes) : IAuditedResult
{
    public AuditTarget? AuditTarget => null;
    public bool Remarkable => Changes > 0;
}

internal sealed class RefreshTodosHandler(TodoBook todos) : IRequestHandler<RefreshTodos, RefreshedTodos>
{
    public async Task<RefreshedTodos> Handle(RefreshTodos request, CancellationToken cancellationToken) =>
        new(await todos.RefreshEverywhereAsync(cancellationToken));
}
