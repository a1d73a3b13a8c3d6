using Dapper;
using RedSail.BuildingBlocks.Access;
using RedSail.BuildingBlocks.Data;

namespace RedSail.BuildingBlocks.ReadModels;

/// <summary>
/// A caller's organisation subtrees as SQL on a module's copy of the tree (<see cref="OrganizationTreeCopy"/>): the one
/// subtree check that Workflow, Honors, Archives and Analytics make on their own schema. <see cref="Within"/> is a condition
/// on an organisation alias (one GiST probe per granted subtree); bind its parameters with <see cref="Parameters"/>. The
/// parameter prefix tells two scopes in one statement apart (e.g. Archives' read and restricted grants).
/// </summary>
public sealed class SubtreeScope(string schema, string parameterPrefix = "scope")
{
    private string Everywhere => parameterPrefix + "Everywhere";
    private string Roots => parameterPrefix + "Roots";

    public string Within(string organizationAlias) =>
        $"(@{Everywhere} or exists (select 1 from {schema}.organization {parameterPrefix}_root where {parameterPrefix}_root.id = any(@{Roots}) and {organizationAlias}.path <@ {parameterPrefix}_root.path))";

    public DynamicParameters Parameters(AccessScope scope, object? arguments = null) => Add(new DynamicParameters(arguments), scope);

    public DynamicParameters Add(DynamicParameters parameters, AccessScope scope)
    {
        parameters.Add(Everywhere, scope.IsGlobal);
        parameters.Add(Roots, scope.OrganizationIds);
        return parameters;
    }

    /// <summary>Whether the organisation lies in the scope; <paramref name="activeOnly"/> also requires it to be active.</summary>
    public Task<bool> CoversAsync(DbSession db, AccessScope scope, Guid organizationId, bool activeOnly, CancellationToken ct) =>
        db.ExecuteScalarAsync<bool>(
            $"select exists (select 1 from {schema}.organization o where o.id = @organizationId{(activeOnly ? " and o.status = 'active'" : "")} and {Within("o")})",
            Parameters(scope, new { organizationId }), ct);
}
