using RedSail.BuildingBlocks.Data;
using RedSail.BuildingBlocks.Events;

namespace RedSail.BuildingBlocks.ReadModels;

/// <summary>
/// A module's own copy of Personnel's organisation tree, <c>&lt;schema&gt;.organization</c> (id, parent_id, name, type,
/// path ltree, status active|merged|dissolved; created by the migrations' <c>ReadModelTables.OrganizationTree</c>), which is
/// what scope checks and subtree filters join. Modules never read Personnel's schema, so every module that needs the tree
/// keeps one, fed by Personnel's events; the statements live here once and each module's subscribers pass their session.
/// Every statement is idempotent: a redelivered or replayed event leaves the same rows. The changes return the rows they
/// changed: none means the organisation has not arrived in the copy yet (or, for a move, is not on the old path yet), which a
/// subscriber with an inbox turns into a retry (<see cref="EarlyEvents.ExpectingArrived"/>).
/// </summary>
public static class OrganizationTreeCopy
{
    public static Task RecordAsync(DbSession db, Guid id, Guid? parentId, string name, string type, string path, CancellationToken ct) =>
        db.ExecuteAsync($"""
            insert into {db.Schema}.organization (id, parent_id, name, type, path) values (@id, @parentId, @name, @type, @path::ltree)
            on conflict (id) do nothing
            """, new { id, parentId, name, type, path }, ct);

    public static Task<int> RenameAsync(DbSession db, Guid id, string name, CancellationToken ct) =>
        db.ExecuteAsync($"update {db.Schema}.organization set name = @name where id = @id", new { id, name }, ct);

    /// <summary>
    /// Moves the whole subtree in one UPDATE; a second run finds nothing under the old path. <paramref name="only"/> limits
    /// the move to those organisations of the subtree (a copy catching up on a move that arrived before them).
    /// </summary>
    public static Task<int> MoveAsync(DbSession db, Guid id, string oldPath, string newPath, Guid newParentId, CancellationToken ct,
        Guid[]? only = null) =>
        db.ExecuteAsync($"""
            update {db.Schema}.organization o
            set path = case when o.path = @oldPath::ltree then @newPath::ltree else @newPath::ltree || subpath(o.path, nlevel(@oldPath::ltree)) end,
                parent_id = case when o.id = @id then @newParentId else o.parent_id end
            where o.path <@ @oldPath::ltree {(only is null ? "" : "and o.id = any(@only)")}
            """, new { id, oldPath, newPath, newParentId, only }, ct);

    /// <summary>Merged or dissolved organisations stay in the copy (records still point at them) but are no longer active.</summary>
    public static Task<int> CloseAsync(DbSession db, Guid id, OrganizationClosure closure, CancellationToken ct) =>
        db.ExecuteAsync($"update {db.Schema}.organization set status = @status where id = @id",
            new { id, status = closure == OrganizationClosure.Merged ? "merged" : "dissolved" }, ct);
}

public enum OrganizationClosure { Merged, Dissolved }
