using System.Text.Json;
using RedSail.BuildingBlocks.Localization;
using RedSail.Modules.Workflow.Contracts;

namespace RedSail.Modules.Workflow.Features.Todos;

/// <summary>
/// Keeps the to-do list equal to what the sources say is due: each refresh opens what is new (or due on a new date) and
/// closes what is no longer due (resolved), in one statement per kind, and announces each change (the OA's unified to-do
/// list follows the events). A command that resolves something refreshes its kind for its organisation, so the to-do closes
/// in the same transaction; the periodic refresh catches what time alone makes due.
/// </summary>
internal sealed class TodoBook(WorkflowDb db, IEnumerable<ITodoSource> sources, IClock clock, MessageCatalog messages)
{
    public async Task<int> RefreshAsync(string? kind, Guid? organizationId, CancellationToken ct)
    {
        var changes = 0;
        foreach (var source in sources.Where(s => kind is null || s.Kind == kind))
        {
            var rows = await db.QueryAsync<Change>($"""
                with due as ({source.DueSql}),
                opened as (
                    insert into workflow.todo (id, source, kind, organization_id, subject_id, title_key, args, link, due_on)
                    select gen_random_uuid(), due.source, @kind, due.organization_id, due.subject_id, due.title_key, due.args, due.link, due.due_on
                    from due
                    on conflict (source) do update
                        set closed_at = null, organization_id = excluded.organization_id, title_key = excluded.title_key,
                            args = excluded.args, link = excluded.link, due_on = excluded.due_on, version = workflow.todo.version + 1,
                            opened_at = case when workflow.todo.closed_at is null then workflow.todo.opened_at else now() end
                        where workflow.todo.closed_at is not null or workflow.todo.due_on is distinct from excluded.due_on
                            or workflow.todo.args is distinct from excluded.args or workflow.todo.organization_id <> excluded.organization_id
                    returning id, organization_id, title_key, args::text as args, link, due_on, false as closed),
                closed as (
                    update workflow.todo t set closed_at = now(), version = t.version + 1
                    where t.kind = @kind and t.closed_at is null
                      and (@organizationId::uuid is null or t.organization_id = @organizationId)
                      and not exists (select 1 from due where due.source = t.source)
                    returning t.id, t.organization_id, t.title_key, t.args::text as args, t.link, t.due_on, true as closed)
                select * from opened union all select * from closed
                """, new { kind = source.Kind, organizationId, today = clock.Today }, ct);
            if (rows.Count == 0) continue;
            await db.PublishAsync(rows.Select(r => r.Closed
                ? (BuildingBlocks.Events.IntegrationEvent)new TodoClosed(r.Id, source.Kind, r.OrganizationId)
                : new TodoOpened(r.Id, source.Kind, r.OrganizationId, Title(r.TitleKey, r.Args), r.Link, r.DueOn)).ToList(), ct);
            changes += rows.Count;
        }
        return changes;
    }

    /// <summary>The to-do's text in the UI's language (the OA receives Chinese: events are built by the system).</summary>
    public string Title(string titleKey, string args) =>
        messages.Get(titleKey, (JsonSerializer.Deserialize<string?[]>(args) ?? []).Select(a => (object)(a ?? "")).ToArray());

    private sealed class Change
    {
        public Guid Id { get; init; }
        public Guid OrganizationId { get; init; }
        public string TitleKey { get; init; } = "";
        public string Args { get; init; } = "[]";
        public string Link { get; init; } = "";
        public DateOnly? DueOn { get; init; }
        public bool Closed { get; init; }
    }
}
