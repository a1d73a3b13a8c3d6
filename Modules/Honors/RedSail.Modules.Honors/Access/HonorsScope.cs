using Dapper;

namespace RedSail.Modules.Honors.Access;

/// <summary>
/// The caller's organisation subtrees in SQL, on Honors' own copy of the tree (the same logic as Workflow's scope, on this
/// schema). <see cref="Within"/> is a condition on an organisation alias; bind its parameters with <see cref="Parameters"/>.
/// </summary>
internal static class HonorsScope
{
    public static string Within(string organizationAlias) =>
        $"(@scopeEverywhere or exists (select 1 from honors.organization scope_root where scope_root.id = any(@scopeRoots) and {organizationAlias}.path <@ scope_root.path))";

    public static DynamicParameters Parameters(AccessScope scope, object? arguments = null)
    {
        var parameters = new DynamicParameters(arguments);
        parameters.Add("scopeEverywhere", scope.IsGlobal);
        parameters.Add("scopeRoots", scope.OrganizationIds);
        return parameters;
    }

    public static DynamicParameters Parameters(RequestContext context, string permission, object? arguments = null) =>
        Parameters(context.Principal.ScopeFor(permission), arguments);

    /// <summary>
    /// The active organisation, if it is in the caller's scope for <paramref name="permission"/>; out of scope is reported as
    /// not found (404), like a missing one, so nothing leaks about what exists.
    /// </summary>
    public static async Task<ScopedOrganization> EnsureAsync(HonorsDb db, RequestContext context, string permission, Guid organizationId,
        CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<ScopedOrganization>(
            $"select o.id, o.name, o.type from honors.organization o where o.id = @organizationId and o.status = 'active' and {Within("o")}",
            Parameters(context, permission, new { organizationId }), ct)
        ?? throw new NotFoundException("organization", organizationId.ToString());

    /// <summary>Whether the organisation is in the caller's scope for <paramref name="permission"/> (active or not).</summary>
    public static Task<bool> CoversAsync(HonorsDb db, RequestContext context, string permission, Guid organizationId, CancellationToken ct) =>
        db.ExecuteScalarAsync<bool>($"select exists (select 1 from honors.organization o where o.id = @organizationId and {Within("o")})",
            Parameters(context, permission, new { organizationId }), ct);
}

/// <summary>An organisation the caller may act on.</summary>
internal sealed class ScopedOrganization
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string Type { get; init; } = "";
}
