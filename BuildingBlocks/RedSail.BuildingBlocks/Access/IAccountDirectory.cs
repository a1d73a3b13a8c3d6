namespace RedSail.BuildingBlocks.Access;

/// <summary>
/// Looks up RedSail accounts for module APIs that act on behalf of a named user, such as the OA asking for one employee's
/// to-dos. The platform implements it; modules only see the principal (roles and scoped permissions) it returns.
/// </summary>
public interface IAccountDirectory
{
    /// <summary>The enabled account with this employee number, as the principal it would sign in as; null when there is none.</summary>
    Task<Principal?> FindByEmployeeNumberAsync(string employeeNumber, CancellationToken ct);

    /// <summary>
    /// The enabled accounts holding <paramref name="permission"/> on a subtree that contains the organisation (or everywhere):
    /// who can act on a to-do there. Organisation paths are the platform's copy of the tree.
    /// </summary>
    Task<IReadOnlyList<AccountSummary>> WhoHoldsAsync(string permission, Guid organizationId, CancellationToken ct);
}

/// <summary>An account as other systems know it: its user name and the employee number the OA matches it by.</summary>
public sealed record AccountSummary(string UserName, string DisplayName, string? EmployeeNumber);
