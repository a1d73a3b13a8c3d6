namespace RedSail.BuildingBlocks.Access;

/// <summary>A permission held on an organisation subtree (<see cref="OrganizationId"/>), or everywhere when null.</summary>
public sealed record ScopedPermission(string Permission, Guid? OrganizationId);

/// <summary>
/// Who is calling: a signed-in person, an OA client, the system itself (background jobs), or nobody.
/// Built once per request by the authentication handler; handlers read it through <see cref="RequestContext"/>.
/// <see cref="EmployeeNumber"/> links a signed-in account to the person it belongs to (the member's self-service).
/// </summary>
public sealed record Principal(
    Guid? UserId,
    string? UserName,
    string? ClientId,
    IReadOnlyList<string> Roles,
    IReadOnlyList<ScopedPermission> Permissions,
    bool IsSystem = false,
    string? EmployeeNumber = null)
{
    public static readonly Principal Anonymous = new(null, null, null, [], []);
    public static readonly Principal System = new(null, "system", null, ["system"], [], IsSystem: true);

    public bool IsAuthenticated => UserId is not null || ClientId is not null || IsSystem;

    public bool Has(string permission) => IsSystem || Permissions.Any(p => p.Permission == permission);

    /// <summary>Where the caller may use a permission; apply it in SQL as an organisation-subtree filter.</summary>
    public AccessScope ScopeFor(string permission)
    {
        if (IsSystem) return AccessScope.Everywhere;
        var held = Permissions.Where(p => p.Permission == permission).ToList();
        if (held.Any(p => p.OrganizationId is null)) return AccessScope.Everywhere;
        return new AccessScope(false, held.Select(p => p.OrganizationId!.Value).Distinct().ToArray());
    }

    /// <summary>How the caller is named in the audit trail.</summary>
    public string DisplayRoles => string.Join(',', Roles);
}

/// <summary>Either everywhere, or the subtrees rooted at the given organisations (possibly none).</summary>
public sealed record AccessScope(bool IsGlobal, Guid[] OrganizationIds)
{
    public static readonly AccessScope Everywhere = new(true, []);
    public bool IsEmpty => !IsGlobal && OrganizationIds.Length == 0;
}
