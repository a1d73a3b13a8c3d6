using Dapper;
using RedSail.BuildingBlocks.Data;
using RedSail.Platform.Access;

namespace RedSail.Platform.Accounts;

/// <summary>The platform's answer to <see cref="IAccountDirectory"/>: accounts, their grants and the platform's copy of the tree.</summary>
internal sealed class AccountDirectory(ModuleDataSources sources) : IAccountDirectory
{
    public async Task<Principal?> FindByEmployeeNumberAsync(string employeeNumber, CancellationToken ct)
    {
        await using var db = await sources.For(PlatformModule.Schema).OpenConnectionAsync(ct);
        var account = await db.QuerySingleOrDefaultAsync<AccountRow>(new CommandDefinition("""
            select u.id, u.user_name, u.employee_number,
                   coalesce(array_agg(g.role) filter (where g.id is not null), '{}') as roles,
                   coalesce(array_agg(coalesce(g.organization_id::text, '')) filter (where g.id is not null), '{}') as organizations
            from platform.user_account u left join platform.role_grant g on g.user_id = u.id
            where u.employee_number = @employeeNumber and u.enabled
            group by u.id
            """, new { employeeNumber }, cancellationToken: ct));
        return account is null ? null : new Principal(account.Id, account.UserName, null, account.Roles,
            RoleCatalog.PermissionsOf(account.Roles.Zip(account.Organizations.Select(o => o.Length == 0 ? (Guid?)null : Guid.Parse(o)))),
            EmployeeNumber: account.EmployeeNumber);
    }

    public async Task<IReadOnlyList<AccountSummary>> WhoHoldsAsync(string permission, Guid organizationId, CancellationToken ct)
    {
        var roles = RoleCatalog.All.Where(r => r.Permissions.Contains(permission)).ToList();
        await using var db = await sources.For(PlatformModule.Schema).OpenConnectionAsync(ct);
        return (await db.QueryAsync<AccountSummary>(new CommandDefinition("""
            select distinct u.user_name, u.display_name, u.employee_number
            from platform.user_account u join platform.role_grant g on g.user_id = u.id
            where u.enabled and g.role = any(@scoped || @unscoped)
              and (g.role = any(@unscoped) or g.organization_id is null
                   or exists (select 1 from platform.organization target join platform.organization granted on granted.id = g.organization_id
                              where target.id = @organizationId and target.path <@ granted.path))
            order by u.user_name
            """, new
        {
            organizationId, scoped = roles.Where(r => r.Scoped).Select(r => r.Code).ToArray(),
            unscoped = roles.Where(r => !r.Scoped).Select(r => r.Code).ToArray(),
        }, cancellationToken: ct))).AsList();
    }

    private sealed class AccountRow
    {
        public Guid Id { get; init; }
        public string UserName { get; init; } = "";
        public string? EmployeeNumber { get; init; }
        public string[] Roles { get; init; } = [];
        public string[] Organizations { get; init; } = [];
    }
}
