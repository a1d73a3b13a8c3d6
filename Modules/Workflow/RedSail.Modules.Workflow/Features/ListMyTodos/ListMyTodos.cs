using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Features.Todos;

namespace RedSail.Modules.Workflow.Features.ListMyTodos;

/// <summary>
/// The caller's to-do list: every open to-do of the organisations where they may write, soonest due first, with counts by
/// kind for the tabs. Optionally one kind or one organisation's subtree.
/// </summary>
internal sealed record ListMyTodos(string? Kind, Guid? OrganizationId, int Page = 1, int PageSize = 20) : IQuery<TodoList>;

internal sealed class ListMyTodosHandler(TodoListQuery todos, RequestContext context) : IRequestHandler<ListMyTodos, TodoList>
{
    public Task<TodoList> Handle(ListMyTodos q, CancellationToken cancellationToken) =>
        todos.RunAsync(context.Principal.ScopeFor(WorkflowPermissions.Write), q.Kind, q.OrganizationId, Paging.Of(q.Page, q.PageSize), cancellationToken);
}

internal static class ListMyTodosEndpoint
{
    public static void MapListMyTodos(this IEndpointRouteBuilder api) =>
        api.MapGet("/todos", (string? kind, Guid? organizationId, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListMyTodos(kind, organizationId, page ?? 1, pageSize ?? 20), ct))
            .WithName("ListMyTodos").WithSummary("我的待办（有权办理的组织的全部提醒，按到期日排序）")
            .RequirePermission(WorkflowPermissions.Write);
}
