using Dapper;
using RedSail.Modules.Workflow.Domain;

namespace RedSail.Modules.Workflow.Access;

/// <summary>
/// The caller's organisation subtrees in SQL, on Workflow's own copy of the tree (<see cref="SubtreeScope"/>).
/// <see cref="Within"/> is a condition on an organisation alias; bind its parameters with <see cref="Parameters"/>.
/// </summary>
internal static class WorkflowScope
{
    private static readonly SubtreeScope Tree = new("workflow");

    public static string Within(string organizationAlias) => Tree.Within(organizationAlias);

    public static DynamicParameters Parameters(AccessScope scope, object? arguments = null) => Tree.Parameters(scope, arguments);

    /// <summary>
    /// The subtrees a list covers as ltree paths, for <see cref="UnderPaths"/>: <paramref name="organizationId"/>'s subtree within
    /// <paramref name="scope"/> (its path, or the scope roots below it when it lies outside), or without one the scope's roots;
    /// null for a global scope without one (everything). Bound as constants, the paths let the planner estimate the subtree's
    /// width from the path statistics — a branch is a few rows, the root everything — and choose between organisation-first and
    /// date-order-first plans; "@id is null or o.path &lt;@ (select …)" made it guess, and a branch's meetings list read a
    /// million meetings (docs/benchmarks.md).
    /// </summary>
    public static async Task<string[]?> SubtreePathsAsync(WorkflowDb db, AccessScope scope, Guid? organizationId, CancellationToken ct)
    {
        if (scope.IsGlobal && organizationId is null) return null;
        var rows = await db.QueryAsync<(Guid Id, string Path)>(
            "select id, path::text from workflow.organization where id = any(@ids) or id = @organizationId",
            new { ids = scope.OrganizationIds, organizationId }, ct);
        var roots = rows.Where(r => scope.OrganizationIds.Contains(r.Id)).Select(r => r.Path).ToList();
        if (organizationId is null) return roots.ToArray();
        if (rows.FirstOrDefault(r => r.Id == organizationId).Path is not { } asked) return [];
        return scope.IsGlobal || roots.Any(root => IsWithin(asked, root)) ? [asked] : roots.Where(root => IsWithin(root, asked)).ToArray();
    }

    /// <summary>The organisation alias lies in one of the subtrees bound as <c>@subtreePaths</c> (<see cref="SubtreePathsAsync"/>).</summary>
    public static string UnderPaths(string organizationAlias) => $"{organizationAlias}.path <@ any(@subtreePaths::ltree[])";

    private static bool IsWithin(string path, string ancestor) =>
        path == ancestor || (path.Length > ancestor.Length && path.StartsWith(ancestor, StringComparison.Ordinal) && path[ancestor.Length] == '.');

    /// <summary>
    /// The active organisation, if it is in the caller's scope for <paramref name="permission"/>. Use it before acting on an
    /// object: an organisation out of scope is reported as not found (404), like a missing one, so nothing leaks about what exists.
    /// </summary>
    public static async Task<ScopedOrganization> EnsureAsync(WorkflowDb db, RequestContext context, string permission, Guid organizationId,
        CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<ScopedOrganization>(
            $"select o.id, o.name, o.type, o.path::text as path from workflow.organization o where o.id = @organizationId and o.status = 'active' and {Within("o")}",
            Parameters(context.Principal.ScopeFor(permission), new { organizationId }), ct)
        ?? throw new NotFoundException("organization", organizationId.ToString());

    /// <summary><see cref="EnsureAsync"/>, and the organisation must be a branch (<see cref="BranchTypes"/>): 422 otherwise.</summary>
    public static async Task<ScopedOrganization> EnsureBranchAsync(WorkflowDb db, RequestContext context, string permission, Guid organizationId,
        CancellationToken ct)
    {
        var organization = await EnsureAsync(db, context, permission, organizationId, ct);
        if (!BranchTypes.All.Contains(organization.Type))
            throw new RuleViolationException("not_a_branch", "workflow.not_a_branch", organization.Name);
        return organization;
    }
}

/// <summary>An organisation the caller may act on.</summary>
internal sealed record ScopedOrganization(Guid Id, string Name, string Type, string Path);
