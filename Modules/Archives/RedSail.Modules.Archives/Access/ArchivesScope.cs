using Dapper;
using RedSail.Modules.Archives.Contracts;
using RedSail.Modules.Archives.Domain;

namespace RedSail.Modules.Archives.Access;

/// <summary>
/// Which archived documents the caller may see, as ONE SQL condition that every read of documents uses (list, detail, file
/// download, full-text search): not removed, and by <see cref="SecurityLevels"/> — public to any <c>archives.read</c> holder,
/// internal to holders whose read grant covers the document's organisation, restricted to holders of
/// <c>archives.restricted</c> covering it. Subtrees are checked on Archives' copy of the organisation tree (ltree).
/// Bind the parameters with <see cref="Parameters"/>.
/// </summary>
internal static class ArchivesScope
{
    public static string Visible(string documentAlias) => $"""
        ({documentAlias}.removed_at is null and (
            ({documentAlias}.security_level = {SecurityLevels.Public} and @archivesScopeReader)
            or ({documentAlias}.security_level = {SecurityLevels.Internal} and {Covers(documentAlias, "Read")})
            or ({documentAlias}.security_level = {SecurityLevels.Restricted} and {Covers(documentAlias, "Restricted")})))
        """;

    public static DynamicParameters Parameters(RequestContext context, object? arguments = null)
    {
        var principal = context.Principal;
        var read = principal.ScopeFor(ArchivesPermissions.Read);
        var restricted = principal.ScopeFor(ArchivesPermissions.Restricted);
        var parameters = new DynamicParameters(arguments);
        parameters.Add("archivesScopeReader", principal.Has(ArchivesPermissions.Read));
        parameters.Add("archivesScopeReadEverywhere", read.IsGlobal);
        parameters.Add("archivesScopeReadRoots", read.OrganizationIds);
        parameters.Add("archivesScopeRestrictedEverywhere", restricted.IsGlobal);
        parameters.Add("archivesScopeRestrictedRoots", restricted.OrganizationIds);
        return parameters;
    }

    /// <summary>
    /// The organisation, if it is active and in the caller's scope for <paramref name="permission"/> (where a document may be
    /// filed or changed); out of scope answers 404 like a missing one, so nothing leaks about what exists.
    /// </summary>
    public static async Task EnsureOrganizationAsync(ArchivesDb db, RequestContext context, string permission, Guid organizationId,
        CancellationToken ct)
    {
        var scope = context.Principal.ScopeFor(permission);
        var found = await db.ExecuteScalarAsync<bool>("""
            select exists (select 1 from archives.organization o where o.id = @organizationId and o.status = 'active'
              and (@everywhere or exists (select 1 from archives.organization r where r.id = any(@roots) and o.path <@ r.path)))
            """, new { organizationId, everywhere = scope.IsGlobal, roots = scope.OrganizationIds }, ct);
        if (!found) throw new NotFoundException("organization", organizationId.ToString());
    }

    private static string Covers(string alias, string permission) => $"""
        (@archivesScope{permission}Everywhere or exists (select 1 from archives.organization {alias}_org
            join archives.organization {alias}_root on {alias}_root.id = any(@archivesScope{permission}Roots)
            where {alias}_org.id = {alias}.organization_id and {alias}_org.path <@ {alias}_root.path))
        """;
}
