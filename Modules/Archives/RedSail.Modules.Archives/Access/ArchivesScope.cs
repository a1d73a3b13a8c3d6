using Dapper;
using RedSail.Modules.Archives.Contracts;

namespace RedSail.Modules.Archives.Access;

// PLACEHOLDER owned by the documents engineer, who replaces this file with the full scope helper (same names, same meaning);
// written here only so that volumes can leave out what the reader may not see.

/// <summary>
/// Which archived documents the caller may see, in SQL: those of organisations within the subtrees the caller's
/// <c>archives.read</c> is granted on (Archives' copy of the tree, ltree), and the open ones (security level 0) for everyone else.
/// </summary>
internal static class ArchivesScope
{
    /// <summary>A condition on a document alias (<c>archives.document</c>); bind its parameters with <see cref="Parameters"/>.</summary>
    internal static string Visible(string alias) => $"""
        ({alias}.security_level = 0 or @scopeEverywhere or exists (
            select 1 from archives.organization scope_document_org join archives.organization scope_root on scope_root.id = any(@scopeRoots)
            where scope_document_org.id = {alias}.organization_id and scope_document_org.path <@ scope_root.path))
        """;

    /// <summary>The caller's scope for <c>archives.read</c>, with the statement's own <paramref name="arguments"/> (an object or a dictionary).</summary>
    internal static DynamicParameters Parameters(RequestContext context, object? arguments = null)
    {
        var scope = context.Principal.ScopeFor(ArchivesPermissions.Read);
        var parameters = new DynamicParameters(arguments);
        parameters.Add("scopeEverywhere", scope.IsGlobal);
        parameters.Add("scopeRoots", scope.OrganizationIds);
        return parameters;
    }
}
