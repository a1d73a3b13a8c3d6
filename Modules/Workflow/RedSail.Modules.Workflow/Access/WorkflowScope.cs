using Dapper;
using RedSail.Modules.Workflow.Domain;

namespace RedSail.Modules.Workflow.Access;

/// <summary>
/// The caller's organisation subtrees in SQL, on Workflow's own copy of the tree (<see cref="SubtreeScope"/>).
/// <see cref="Within"/> is a condition on an organisation alias; bind its parameters with <see cref="Parameters"/>.
/// </summary>
internal static class WorkflowScope
{
    private static readonly SubtreeScope Tree = new("workflow");

    public static string Within(string organizationAlias) => Tree.Within(organizationAlias);

    public static DynamicParameters Parameters(AccessScope scope, object? arguments = null) => Tree.Parameters(scope, arguments);

    /// <summary>
    /// The active organisation, if it is in the caller's scope for <paramref name="permission"/>. Use it before acting on an
    /// object: an organisation out of scope is reported as not found (404), like a missing one, so nothing leaks about what exists.
    /// </summary>
    public static async Task<ScopedOrganization> EnsureAsync(WorkflowDb db, RequestContext context, string permission, Guid organizationId,
        CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<ScopedOrganization>(
            $"select o.id, o.name, o.type, o.path::text as path from workflow.organization o where o.id = @organizationId and o.status = 'active' and {Within("o")}",
            Parameters(context.Principal.ScopeFor(permission), new { organizationId }), ct)
        ?? throw new NotFoundException("organization", organizationId.ToString());

    /// <summary><see cref="EnsureAsync"/>, and the organisation must be a branch (<see cref="BranchTypes"/>): 422 otherwise.</summary>
    public static async Task<ScopedOrganization> EnsureBranchAsync(WorkflowDb db, RequestContext context, string permission, Guid organizationId,
        CancellationToken ct)
    {
        var organization = await EnsureAsync(db, context, permission, organizationId, ct);
        if (!BranchTypes.All.Contains(organization.Type))
            throw new RuleViolationException("not_a_branch", "workflow.not_a_branch", organization.Name);
        return organization;
    }
}

/// <summary>An organisation the caller may act on.</summary>
internal sealed record ScopedOrganization(Guid Id, string Name, string Type, string Path);
