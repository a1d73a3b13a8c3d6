using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Features.Todos;

namespace RedSail.Modules.Workflow.Features.ListEmployeeTodos;

/// <summary>
/// For the OA's unified to-do list: the open to-dos of one employee (the RedSail account with that employee number), exactly
/// what that person sees under 我的待办. An unknown or disabled employee is 404. Only OA clients scoped to Workflow call it.
/// </summary>
internal sealed record ListEmployeeTodos(string EmployeeNumber, string? Kind, int Page = 1, int PageSize = 50) : IQuery<TodoList>;

internal sealed class ListEmployeeTodosHandler(TodoListQuery todos, IAccountDirectory accounts) : IRequestHandler<ListEmployeeTodos, TodoList>
{
    public async Task<TodoList> Handle(ListEmployeeTodos q, CancellationToken cancellationToken)
    {
        var employee = await accounts.FindByEmployeeNumberAsync(q.EmployeeNumber, cancellationToken)
            ?? throw new NotFoundException("employee", q.EmployeeNumber);
        return await todos.RunAsync(employee.ScopeFor(WorkflowPermissions.Write), q.Kind, null, Paging.Of(q.Page, q.PageSize), cancellationToken);
    }
}

internal static class ListEmployeeTodosEndpoint
{
    public static void MapListEmployeeTodos(this IEndpointRouteBuilder api) =>
        api.MapGet("/oa/employees/{employeeNumber}/todos", (string employeeNumber, string? kind, int? page, int? pageSize, IMediator mediator,
                CancellationToken ct) => mediator.Send(new ListEmployeeTodos(employeeNumber, kind, page ?? 1, pageSize ?? 50), ct))
            .WithName("ListEmployeeTodos").WithSummary("OA：某职工（按工号）的党务待办")
            .RequirePermission(WorkflowPermissions.Api);
}
