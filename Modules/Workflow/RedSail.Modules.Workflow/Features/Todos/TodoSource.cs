namespace RedSail.Modules.Workflow.Features.Todos;

/// <summary>
/// One kind of to-do and the SQL that lists everything of that kind due now, in one set-based query over Workflow's tables.
/// The query returns the columns <c>source</c> (a stable key, unique across kinds: <c>&lt;kind&gt;:&lt;id&gt;…</c>),
/// <c>organization_id</c> (who must act: whoever may write there), <c>subject_id</c>, <c>title_key</c> (a message key),
/// <c>args</c> (a jsonb array of strings for the message), <c>link</c> (where in the UI it is resolved) and <c>due_on</c>;
/// it reads <c>@today</c>, and <c>@organizationIds</c> (uuid[], never null): only what those organisations must act on — one after
/// a change there, a slice of the tree in the periodic refresh (<see cref="TodoBook"/>); an index on the organisation column helps.
/// A line of work declares its sources as classes in its slice; they are found by scanning the module.
/// </summary>
internal interface ITodoSource
{
    string Kind { get; }
    string DueSql { get; }
}
