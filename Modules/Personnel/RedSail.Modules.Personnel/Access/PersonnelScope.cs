using Dapper;
using RedSail.BuildingBlocks.Access;

namespace RedSail.Modules.Personnel.Access;

/// <summary>
/// The caller's organisation subtrees in SQL. <see cref="Within"/> is a condition on an organisation alias;
/// bind its parameters with <see cref="Parameters"/>. One GiST probe per granted subtree (ltree <c>&lt;@</c>).
/// </summary>
internal static class PersonnelScope
{
    public static string Within(string organizationAlias) =>
        $"(@scopeEverywhere or exists (select 1 from personnel.organization scope_root where scope_root.id = any(@scopeRoots) and {organizationAlias}.path <@ scope_root.path))";

    public static DynamicParameters Parameters(AccessScope scope, object? arguments = null)
    {
        var parameters = new DynamicParameters(arguments);
        parameters.Add("scopeEverywhere", scope.IsGlobal);
        parameters.Add("scopeRoots", scope.OrganizationIds);
        return parameters;
    }
}
