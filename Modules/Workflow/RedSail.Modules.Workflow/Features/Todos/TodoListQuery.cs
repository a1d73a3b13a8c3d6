using RedSail.BuildingBlocks.Localization;
using RedSail.Modules.Workflow.Access;

namespace RedSail.Modules.Workflow.Features.Todos;

/// <summary>A page of a to-do list.</summary>
internal sealed record TodoList(IReadOnlyList<TodoView> Items, long Total, int Page, int PageSize, IReadOnlyList<TodoKindCount> Kinds);

/// <summary>Open to-dos of one kind, with the kind's name (message <c>workflow.todo_kind.&lt;kind&gt;</c>).</summary>
internal sealed record TodoKindCount(string Kind, string Label, long Count);

internal sealed record TodoView(Guid Id, string Kind, Guid OrganizationId, string OrganizationName, Guid? SubjectId, string Title,
    string Link, DateOnly? DueOn, bool Overdue, DateTime OpenedAt);

/// <summary>
/// The open to-dos of the organisations in a scope (where someone may write), soonest due first, with counts by kind: the
/// signed-in user's list and the OA's list of one employee are the same query over different scopes.
/// </summary>
internal sealed class TodoListQuery(WorkflowDb db, TodoBook todos, IClock clock, MessageCatalog messages)
{
    public async Task<TodoList> RunAsync(AccessScope scope, string? kind, Guid? organizationId, Paging paging, CancellationToken ct)
    {
        // The subtree as constant paths, and only the filters asked for (WorkflowScope.SubtreePathsAsync): a branch's to-dos
        // through its organisations, everyone's soonest through the to-do indexes.
        var paths = await WorkflowScope.SubtreePathsAsync(db, scope, organizationId, ct);
        var from = $"""
            from workflow.todo t join workflow.organization o on o.id = t.organization_id
            where t.closed_at is null{(paths is null ? "" : " and " + WorkflowScope.UnderPaths("o"))}
            """;
        using var grid = await db.QueryMultipleAsync($"""
            select t.id, t.kind, t.organization_id, o.name as organization_name, t.subject_id, t.title_key, t.args::text as args, t.link,
                   t.due_on, t.opened_at
            {from}{(kind is null ? "" : " and t.kind = @kind")}
            order by t.due_on nulls last, t.opened_at, t.id
            limit @Limit offset @Offset;
            select t.kind, count(*) {from} group by t.kind;
            """, new { subtreePaths = paths, kind, paging.Limit, paging.Offset }, ct);
        var rows = (await grid.ReadAsync<Row>()).ToList();
        var byKind = (await grid.ReadAsync<(string Kind, long Count)>()).ToDictionary(k => k.Kind, k => k.Count);
        var today = clock.Today;
        return new TodoList(
            rows.Select(r => new TodoView(r.Id, r.Kind, r.OrganizationId, r.OrganizationName, r.SubjectId, todos.Title(r.TitleKey, r.Args),
                r.Link, r.DueOn, r.DueOn < today, r.OpenedAt)).ToList(),
            kind is null ? byKind.Values.Sum() : byKind.GetValueOrDefault(kind), paging.Page, paging.PageSize,
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
