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
    private static readonly SubtreeScope ReadTree = new("archives", "archivesScopeRead");
    private static readonly SubtreeScope RestrictedTree = new("archives", "archivesScopeRestricted");
    private static readonly SubtreeScope Tree = new("archives");

    public static string Visible(string documentAlias) => $"""
        ({documentAlias}.removed_at is null and (
            ({documentAlias}.security_level = {SecurityLevels.Public} and @archivesScopeReader)
            or ({documentAlias}.security_level = {SecurityLevels.Internal} and {Covers(documentAlias, ReadTree)})
            or ({documentAlias}.security_level = {SecurityLevels.Restricted} and {Covers(documentAlias, RestrictedTree)})))
        """;

    public static DynamicParameters Parameters(RequestContext context, object? arguments = null)
    {
        var principal = context.Principal;
        var parameters = ReadTree.Parameters(principal.ScopeFor(ArchivesPermissions.Read), arguments);
        RestrictedTree.Add(parameters, principal.ScopeFor(ArchivesPermissions.Restricted));
        parameters.Add("archivesScopeReader", principal.Has(ArchivesPermissions.Read));
        return parameters;
    }

    /// <summary>
    /// The organisation, if it is active and in the caller's scope for <paramref name="permission"/> (where a document may be
    /// filed or changed); out of scope answers 404 like a missing one, so nothing leaks about what exists.
    /// </summary>
    public static async Task EnsureOrganizationAsync(ArchivesDb db, RequestContext context, string permission, Guid organizationId,
        CancellationToken ct)
    {
        if (!await Tree.CoversAsync(db, context.Principal.ScopeFor(permission), organizationId, activeOnly: true, ct))
            throw new NotFoundException("organization", organizationId.ToString());
    }

    /// <summary>The document's organisation lies in one of the subtrees of <paramref name="tree"/>'s grant.</summary>
    private static string Covers(string documentAlias, SubtreeScope tree) =>
        $"exists (select 1 from archives.organization {documentAlias}_org where {documentAlias}_org.id = {documentAlias}.organization_id and {tree.Within(documentAlias + "_org")})";
}
