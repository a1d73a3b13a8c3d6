using RedSail.BuildingBlocks.Localization;
using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Features.Todos;

namespace RedSail.Modules.Workflow.Features.ListMyTodos;

/// <summary>
/// The caller's to-do list: every open to-do of the organisations where they may write, soonest due first, with counts by
/// kind for the tabs. Optionally one kind or one organisation's subtree.
/// </summary>
internal sealed record ListMyTodos(string? Kind, Guid? OrganizationId, int Page = 1, int PageSize = 20) : IQuery<TodoList>;

internal sealed record TodoList(IReadOnlyList<TodoView> Items, long Total, int Page, int PageSize, IReadOnlyList<TodoKindCount> Kinds);

/// <summary>Open to-dos of one kind, with the kind's name (message <c>workflow.todo_kind.&lt;kind&gt;</c>).</summary>
internal sealed record TodoKindCount(string Kind, string Label, long Count);

internal sealed record TodoView(Guid Id, string Kind, Guid OrganizationId, string OrganizationName, Guid? SubjectId, string Title,
    string Link, DateOnly? DueOn, bool Overdue, DateTime OpenedAt);

internal sealed class ListMyTodosHandler(WorkflowDb db, RequestContext context, TodoBook todos, IClock clock, MessageCatalog messages)
    : IRequestHandler<ListMyTodos, TodoList>
{
    public async Task<TodoList> Handle(ListMyTodos q, CancellationToken cancellationToken)
    {
        var paging = Paging.Of(q.Page, q.PageSize);
        var where = $"""
            t.closed_at is null and {WorkflowScope.Within("o")}
            and (@organizationId::uuid is null or o.path <@ (select path from workflow.organization where id = @organizationId))
            """;
        var parameters = WorkflowScope.Parameters(context.Principal.ScopeFor(WorkflowPermissions.Write),
            new { q.OrganizationId, q.Kind, paging.Limit, paging.Offset });
        using var grid = await db.QueryMultipleAsync($"""
            select t.id, t.kind, t.organization_id, o.name as organization_name, t.subject_id, t.title_key, t.args::text as args, t.link,
                   t.due_on, t.opened_at
            from workflow.todo t join workflow.organization o on o.id = t.organization_id
            where {where} and (@kind::text is null or t.kind = @kind)
            order by t.due_on nulls last, t.opened_at, t.id
            limit @Limit offset @Offset;
            select t.kind, count(*) from workflow.todo t join workflow.organization o on o.id = t.organization_id
            where {where} group by t.kind;
            """, parameters, cancellationToken);
        var rows = (await grid.ReadAsync<Row>()).ToList();
        var byKind = (await grid.ReadAsync<(string Kind, long Count)>()).ToDictionary(k => k.Kind, k => k.Count);
        var today = clock.Today;
        return new TodoList(
            rows.Select(r => new TodoView(r.Id, r.Kind, r.OrganizationId, r.OrganizationName, r.SubjectId, todos.Title(r.TitleKey, r.Args),
                r.Link, r.DueOn, r.DueOn < today, r.OpenedAt)).ToList(),
            q.Kind is null ? byKind.Values.Sum() : byKind.GetValueOrDefault(q.Kind), paging.Page, paging.PageSize,
            byKind.OrderBy(k => k.Key).Select(k => new TodoKindCount(k.Key, messages.Get("workflow.todo_kind." + k.Key), k.Value)).ToList());
    }

    private sealed class Row
    {
        public Guid Id { get; init; }
        public string Kind { get; init; } = "";
        public Guid OrganizationId { get; init; }
        public string OrganizationName { get; init; } = "";
        public Guid? SubjectId { get; init; }
        public string TitleKey { get; init; } = "";
        public string Args { get; init; } = "[]";
        public string Link { get; init; } = "";
        public DateOnly? DueOn { get; init; }
        public DateTime OpenedAt { get; init; }
    }
}

internal static class ListMyTodosEndpoint
{
    public static void MapListMyTodos(this IEndpointRouteBuilder api) =>
        api.MapGet("/todos", (string? kind, Guid? organizationId, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListMyTodos(kind, organizationId, page ?? 1, pageSize ?? 20), ct))
            .WithName("ListMyTodos").WithSummary("我的待办（有权办理的组织的全部提醒，按到期日排序）")
            .RequirePermission(WorkflowPermissions.Write);
}
