using Dapper;

namespace RedSail.Modules.Honors.Access;

/// <summary>
/// The caller's organisation subtrees in SQL, on Honors' own copy of the tree (<see cref="SubtreeScope"/>).
/// <see cref="Within"/> is a condition on an organisation alias; bind its parameters with <see cref="Parameters"/>.
/// </summary>
internal static class HonorsScope
{
    private static readonly SubtreeScope Tree = new("honors");

    public static string Within(string organizationAlias) => Tree.Within(organizationAlias);

    public static DynamicParameters Parameters(AccessScope scope, object? arguments = null) => Tree.Parameters(scope, arguments);

    public static DynamicParameters Parameters(RequestContext context, string permission, object? arguments = null) =>
        Tree.Parameters(context.Principal.ScopeFor(permission), arguments);

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
        Tree.CoversAsync(db, context.Principal.ScopeFor(permission), organizationId, activeOnly: false, ct);
}

/// <summary>An organisation the caller may act on.</summary>
internal sealed class ScopedOrganization
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string Type { get; init; } = "";
}
