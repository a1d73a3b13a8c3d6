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
    /// <see cref="Within"/> on the scope roots' ltree paths, resolved first (<see cref="ParametersWithPathsAsync"/>) and bound as a
    /// constant array: the planner then estimates the scope's width from the path statistics (a branch is a few rows, the root is
    /// everything) instead of guessing, which list queries over many people need to choose between organisation-first and
    /// sort-order-first plans (docs/benchmarks.md).
    /// </summary>
    public static string WithinPaths(string organizationAlias) =>
        $"(@scopeEverywhere or {organizationAlias}.path <@ any(@scopePaths::ltree[]))";

    /// <summary>The parameters of <see cref="WithinPaths"/>: one cheap primary-key query resolves the scope roots to their paths.</summary>
    public static async Task<DynamicParameters> ParametersWithPathsAsync(DbSession db, AccessScope scope, object? arguments, CancellationToken ct)
    {
        var parameters = new DynamicParameters(arguments);
        parameters.Add("scopeEverywhere", scope.IsGlobal);
        var paths = scope.IsGlobal || scope.IsEmpty
            ? []
            : await db.QueryAsync<string>("select path::text from personnel.organization where id = any(@ids)", new { ids = scope.OrganizationIds }, ct);
        parameters.Add("scopePaths", paths.ToArray());
        return parameters;
    }

    public static DynamicParameters Parameters(AccessScope scope, object? arguments = null)
    {
        var parameters = new DynamicParameters(arguments);
        parameters.Add("scopeEverywhere", scope.IsGlobal);
        parameters.Add("scopeRoots", scope.OrganizationIds);
        return parameters;
    }
}
