using Dapper;
using RedSail.Modules.Archives.Contracts;

namespace RedSail.Modules.Archives.Access;

/// <summary>
/// Which documents the caller may see, as SQL on a document alias; bind its parameters with <see cref="Parameters"/>.
/// PLACEHOLDER (search slice): the documents engineer owns this file and replaces it with the real rule (security levels by
/// role, related organisations, audit of refusals). This minimal version admits only what everyone with archives.read may
/// see under any rule: public documents (security level 0) of an organisation within the caller's granted subtrees.
/// </summary>
internal static class ArchivesScope
{
    public static string Visible(string documentAlias) => $"""
        ({documentAlias}.removed_at is null and {documentAlias}.security_level = 0
         and (@scopeEverywhere or exists (select 1 from archives.organization scope_owner join archives.organization scope_root
              on scope_root.id = any(@scopeRoots) and scope_owner.path <@ scope_root.path where scope_owner.id = {documentAlias}.organization_id)))
        """;

    public static DynamicParameters Parameters(RequestContext context, object? arguments = null)
    {
        var scope = context.Principal.ScopeFor(ArchivesPermissions.Read);
        var parameters = new DynamicParameters(arguments);
        parameters.Add("scopeEverywhere", scope.IsGlobal);
        parameters.Add("scopeRoots", scope.OrganizationIds);
        return parameters;
    }
}
