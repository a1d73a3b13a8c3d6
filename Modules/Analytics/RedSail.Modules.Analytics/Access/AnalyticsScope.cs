using RedSail.Modules.Analytics.Contracts;

namespace RedSail.Modules.Analytics.Access;

/// <summary>
/// Which subtrees a statistic covers, on Analytics' copy of the tree. Figures are read from the counts of subtree roots
/// (closure rows), so the caller's scope becomes a short list of roots: the chosen organisation if it is in scope (404
/// otherwise, like a missing one), else the caller's granted organisations without those nested in another, or the
/// tree's roots for a global grant.
/// </summary>
internal static class AnalyticsScope
{
    private static readonly SubtreeScope Tree = new("analytics");

    public static async Task<Guid[]> RootsAsync(AnalyticsDb db, RequestContext context, Guid? organizationId, CancellationToken ct)
    {
        var scope = context.Principal.ScopeFor(AnalyticsPermissions.Read);
        if (organizationId is { } id)
        {
            return await Tree.CoversAsync(db, scope, id, activeOnly: false, ct) ? [id] : throw new NotFoundException("organization", id.ToString());
        }
        if (scope.IsGlobal)
            return (await db.QueryAsync<Guid>("select id from analytics.organization where parent_id is null and status = 'active'", null, ct)).ToArray();
        return (await db.QueryAsync<Guid>("""
            select r.id from analytics.organization r
            where r.id = any(@roots)
              and not exists (select 1 from analytics.organization o where o.id = any(@roots) and o.id <> r.id and r.path <@ o.path)
            """, new { roots = scope.OrganizationIds }, ct)).ToArray();
    }

    /// <summary>A condition on an organisation alias: in one of <paramref name="rootsParameter"/>'s subtrees.</summary>
    public static string Within(string organizationAlias, string rootsParameter = "@roots") =>
        $"exists (select 1 from analytics.organization scope_root where scope_root.id = any({rootsParameter}) and {organizationAlias}.path <@ scope_root.path)";
}
