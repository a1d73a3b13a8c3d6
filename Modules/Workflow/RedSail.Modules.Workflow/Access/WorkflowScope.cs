using Dapper;

namespace RedSail.Modules.Workflow.Access;

/// <summary>
/// The caller's organisation subtrees in SQL, on Workflow's own copy of the tree. <see cref="Within"/> is a condition on an
/// organisation alias (one GiST probe per granted subtree); bind its parameters with <see cref="Parameters"/>.
/// </summary>
internal static class WorkflowScope
{
    public static string Within(string organizationAlias) =>
        $"(@scopeEverywhere or exists (select 1 from workflow.organization scope_root where scope_root.id = any(@scopeRoots) and {organizationAlias}.path <@ scope_root.path))";

    public static DynamicParameters Parameters(AccessScope scope, object? arguments = null)
    {
        var parameters = new DynamicParameters(arguments);
        parameters.Add("scopeEverywhere", scope.IsGlobal);
        parameters.Add("scopeRoots", scope.OrganizationIds);
        return parameters;
    }

    /// <summary>
    /// Whether the organisation is in the caller's scope for <paramref name="permission"/>. Use it before acting on an object:
    /// an organisation out of scope is reported as not found (404), like a missing one, so nothing leaks about what exists.
    /// </summary>
    public static async Task EnsureAsync(WorkflowDb db, RequestContext context, string permission, Guid organizationId, CancellationToken ct)
    {
        var visible = await db.ExecuteScalarAsync<bool>(
            $"select exists (select 1 from workflow.organization o where o.id = @organizationId and o.status = 'active' and {Within("o")})",
            Parameters(context.Principal.ScopeFor(permission), new { organizationId }), ct);
        if (!visible) throw new NotFoundException("organization", organizationId.ToString());
    }
}
