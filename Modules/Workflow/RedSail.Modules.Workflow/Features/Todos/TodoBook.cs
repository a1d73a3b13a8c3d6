using System.Text.Json;
using RedSail.BuildingBlocks.Localization;
using RedSail.Modules.Workflow.Contracts;

namespace RedSail.Modules.Workflow.Features.Todos;

/// <summary>
/// Keeps the to-do list equal to what the sources say is due: each refresh opens what is new (or due on a new date) and
/// closes what is no longer due (resolved), in one statement per kind and slice of organisations, and announces each change
/// (the OA's unified to-do list follows the events). A command that resolves something refreshes its kind for its
/// organisation, so the to-do closes in the same transaction; the periodic refresh (<see cref="RefreshEverywhereAsync"/>)
/// catches what time alone makes due.
/// </summary>
internal sealed class TodoBook(WorkflowDb db, IEnumerable<ITodoSource> sources, IClock clock, MessageCatalog messages)
{
    /// <summary>
    /// Organisations per statement when the whole tree is refreshed: at a million people one kind's statement over every
    /// organisation ran past the 30 s command timeout (and opened hundreds of thousands of to-dos, each an event, at once);
    /// a slice of a thousand organisations takes tens to hundreds of milliseconds per kind — seconds only for the slice holding
    /// a national committee with 95,000 task reports to review (docs/benchmarks.md).
    /// </summary>
    public const int SliceSize = 1_000;

    /// <summary>
    /// Refreshes <paramref name="kind"/> (null: every kind) for <paramref name="organizationId"/>, or for every organisation when
    /// null — slice by slice, in the caller's transaction. Returns how many to-dos opened, changed or closed.
    /// </summary>
    public async Task<int> RefreshAsync(string? kind, Guid? organizationId, CancellationToken ct) =>
        organizationId is { } id ? await RefreshSliceAsync(kind, [id], ct) : await RefreshInSlicesAsync(kind, commitEach: false, ct);

    /// <summary>
    /// The periodic refresh of every kind everywhere, each slice of organisations committed on its own: no statement runs for
    /// long, a slice's events stay bounded, and a failure keeps the slices already done (a repeat finds them unchanged).
    /// </summary>
    public Task<int> RefreshEverywhereAsync(CancellationToken ct) => RefreshInSlicesAsync(null, commitEach: true, ct);

    private async Task<int> RefreshInSlicesAsync(string? kind, bool commitEach, CancellationToken ct)
    {
        // Every organisation of the tree, and any that still has an open to-do (so that it can close).
        var organizations = await db.QueryAsync<Guid>("""
            select id from workflow.organization union select organization_id from workflow.todo where closed_at is null order by 1
            """, ct: ct);
        var changes = 0;
        foreach (var slice in organizations.Chunk(SliceSize))
        {
            changes += await RefreshSliceAsync(kind, slice, ct);
            if (!commitEach) continue;
            await db.CommitAsync(ct);
            await db.BeginAsync(readOnly: false, ct);
        }
        return changes;
    }

    private async Task<int> RefreshSliceAsync(string? kind, Guid[] organizationIds, CancellationToken ct)
    {
        var changes = 0;
        foreach (var source in sources.Where(s => kind is null || s.Kind == kind))
        {
            // The closed half: the kind's open to-dos of these organisations (ix_workflow_todo_open) whose source key is not due, as
            // a set difference (hashed or sorted, whatever the estimates), then found by the key's unique index. A "not exists" on
            // the due rows could be planned as a nested loop that scans every due row per open to-do: over a minute for the
            // committee whose 95,000 task reports wait for review at a million people.
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
                    where t.source in (select o.source from workflow.todo o
                                       where o.organization_id = any(@organizationIds) and o.kind = @kind and o.closed_at is null
                                       except select due.source from due)
                      and t.kind = @kind and t.closed_at is null
                    returning t.id, t.organization_id, t.title_key, t.args::text as args, t.link, t.due_on, true as closed)
                select * from opened union all select * from closed
                """, new { kind = source.Kind, organizationIds, today = clock.Today }, ct);
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
