using Dapper;
using RedSail.BuildingBlocks.Data;

namespace RedSail.Modules.Personnel.Access;

/// <summary>
/// The caller's organisation subtrees in SQL. <see cref="Within"/> is a condition on an organisation alias;
/// bind its parameters with <see cref="Parameters"/>. One GiST probe per granted subtree (ltree <c>&lt;@</c>).
/// </summary>
internal static class PersonnelScope
{
    public static string Within(string organizationAlias) =>
        $"(@scopeEverywhere or exists (select 1 from personnel.organization scope_root where scope_root.id = any(@scopeRoots) and {organizationAlias}.path <@ scope_root.path))";

    /// <summary>
    /// <see cref="Within"/> on the scope roots' ltree paths, resolved first (<see cref="ResolveAsync"/>) and bound as a
    /// constant array: the planner then estimates the scope's width from the path statistics (a branch is a few rows, the root is
    /// everything) instead of guessing, which list queries over many people need to choose between organisation-first and
    /// sort-order-first plans (docs/benchmarks.md).
    /// </summary>
    public static string WithinPaths(string organizationAlias) =>
        $"(@scopeEverywhere or {organizationAlias}.path <@ any(@scopePaths::ltree[]))";

    /// <summary>
    /// <see cref="WithinPaths"/> for a query on people (<paramref name="personAlias"/>), organisation first: the ids of the scope's
    /// organisations are read once (GiST on the paths) and each is one probe of ix_person_organization, which carries the common
    /// filters (M0015), so a narrow scope reads its own people and no others. As a join on the organisation instead, the planner
    /// may walk a million people in another index's order and look each one's organisation up (a region's list took seconds,
    /// docs/benchmarks.md). Leave it out where the scope is everywhere: then it would list every organisation. <paramref name="paths"/>
    /// is the parameter holding the paths: the scope's, or <c>@visiblePaths</c> (<see cref="ResolveAsync"/>).
    /// </summary>
    public static string PeopleWithinPaths(string personAlias, string paths = "@scopePaths") =>
        $"{personAlias}.organization_id = any(array(select scope_o.id from personnel.organization scope_o where scope_o.path <@ any({paths}::ltree[])))";

    /// <summary>
    /// The parameters of <see cref="WithinPaths"/> (and of <see cref="Within"/>), and how many people the caller can see there,
    /// narrowed to <paramref name="organizationId"/>'s subtree if given: one primary-key query reads the scope roots' (and that
    /// organisation's, and the register root's) paths with their subtree people counts (organization_people). The part of the tree
    /// the caller sees is a union of whole subtrees, so its people are the sum over its topmost organisations: exact, whatever the
    /// scope's width. Those topmost organisations' paths are bound as <c>@visiblePaths</c> (scope and organisation in one).
    /// </summary>
    public static async Task<ResolvedScope> ResolveAsync(DbSession db, AccessScope scope, Guid? organizationId, object? arguments,
        CancellationToken ct)
    {
        var parameters = new DynamicParameters(arguments);
        parameters.Add("scopeEverywhere", scope.IsGlobal);
        parameters.Add("scopeRoots", scope.OrganizationIds);
        if (scope.IsEmpty)
        {
            parameters.Add("scopePaths", Array.Empty<string>());
            return Resolved(parameters, [], [], 0);
        }
        var rows = await db.QueryAsync<ScopeRow>("""
            select o.id, o.path::text as path, o.parent_id is null as is_root, c.subtree_people
            from personnel.organization o join personnel.organization_people c on c.organization_id = o.id
            where o.id = any(@ids) or o.id = @organizationId or o.parent_id is null
            """, new { ids = scope.OrganizationIds, organizationId }, ct);
        var registerRoots = rows.Where(r => r.IsRoot).ToList();
        var registerPeople = registerRoots.Sum(r => r.SubtreePeople);
        var roots = scope.IsGlobal ? registerRoots : rows.Where(r => scope.OrganizationIds.Contains(r.Id)).ToList();
        parameters.Add("scopePaths", scope.IsGlobal ? Array.Empty<string>() : roots.Select(r => r.Path).ToArray());

        var asked = organizationId is { } id ? rows.FirstOrDefault(r => r.Id == id) : null;
        if (organizationId is not null && asked is null) return Resolved(parameters, [], registerRoots, registerPeople);
        var visible = roots.Append(asked).OfType<ScopeRow>().DistinctBy(r => r.Id)
            .Where(r => (scope.IsGlobal || roots.Any(root => IsWithin(r.Path, root.Path))) && (asked is null || IsWithin(r.Path, asked.Path)))
            .ToList();
        var tops = visible.Where(r => !visible.Any(above => above.Id != r.Id && IsWithin(r.Path, above.Path))).ToList();
        return Resolved(parameters, tops, registerRoots, registerPeople);
    }

    private static ResolvedScope Resolved(DynamicParameters parameters, IReadOnlyList<ScopeRow> tops, IReadOnlyList<ScopeRow> registerRoots,
        long registerPeople)
    {
        parameters.Add("visiblePaths", tops.Select(r => r.Path).ToArray());
        var everything = registerRoots.Count > 0 && registerRoots.All(root => tops.Any(top => top.Id == root.Id));
        return new ResolvedScope(parameters, tops.Sum(r => r.SubtreePeople), everything, registerPeople);
    }

    /// <summary>Only the parameters of <see cref="WithinPaths"/>, for lists whose totals are not people (reminders, warnings, proposals).</summary>
    public static async Task<DynamicParameters> ParametersWithPathsAsync(DbSession db, AccessScope scope, object? arguments, CancellationToken ct) =>
        (await ResolveAsync(db, scope, null, arguments, ct)).Parameters;

    private static bool IsWithin(string path, string ancestor) =>
        path == ancestor || (path.Length > ancestor.Length && path.StartsWith(ancestor, StringComparison.Ordinal) && path[ancestor.Length] == '.');

    public static DynamicParameters Parameters(AccessScope scope, object? arguments = null)
    {
        var parameters = new DynamicParameters(arguments);
        parameters.Add("scopeEverywhere", scope.IsGlobal);
        parameters.Add("scopeRoots", scope.OrganizationIds);
        return parameters;
    }

    private sealed class ScopeRow
    {
        public Guid Id { get; init; }
        public string Path { get; init; } = "";
        public bool IsRoot { get; init; }
        public long SubtreePeople { get; init; }
    }
}

/// <summary>
/// A list query's scope parameters (<see cref="PersonnelScope.WithinPaths"/>, and <c>@visiblePaths</c>: the scope narrowed to the
/// organisation asked for), how many people it shows without filters, whether that is the whole register (<see cref="Everything"/>:
/// then no condition is needed at all), and how many people the register holds (how wide the scope is, relatively).
/// </summary>
internal sealed record ResolvedScope(DynamicParameters Parameters, long People, bool Everything, long RegisterPeople);
