using RedSail.Platform.Access;
using RedSail.Platform.Features.SignIn;

namespace RedSail.Platform.Features.OaProvisioning;

/// <summary>One user of the OA's export (xlsx or the OA's JSON API).</summary>
public sealed record OaUserRow(int Row, string? EmployeeNumber, string? LoginName, string? Name, string? DepartmentCode, bool Active);

/// <summary>
/// Brings the accounts in line with the OA's user list, matched by employee number (the key that also links an account to its
/// person in Personnel): creates accounts for OA users of mapped departments (the default role on the mapped organisation),
/// renames, and disables accounts the OA marks as gone, or that the OA once provisioned and no longer lists. Accounts an
/// administrator opened are never disabled for being absent. A dry run lists the same plan and changes nothing; applying is
/// one transaction.
/// </summary>
public sealed record SyncOaUsers(IReadOnlyList<OaUserRow> Users, bool Apply) : ICommand<OaSyncPlan>
{
    public string AuditAction => "platform.oa.users_sync";
    public AuditTarget AuditTarget => new("user_account", null);
}

public sealed record OaSyncItem(string Action, int? Row, string? EmployeeNumber, string? UserName, string? DisplayName, string? DepartmentCode,
    string? OrganizationName, string? Reason);

public sealed record OaSyncPlan(bool Applied, int Created, int Updated, int Disabled, int Skipped, IReadOnlyList<OaSyncItem> Items) : IAuditedResult
{
    public AuditTarget? AuditTarget => null;
    public bool Remarkable => Applied; // a dry run changes nothing
}

public static class OaSyncActions
{
    public const string Create = "create";
    public const string Update = "update";
    public const string Disable = "disable";
    public const string Skip = "skip";
}

/// <summary>The role an account created from the OA's list gets (configuration <c>Oa:Provisioning</c>).</summary>
public sealed class OaProvisioningOptions
{
    public string DefaultRole { get; init; } = RoleCatalog.Member;
    public const int MaxUsers = 50_000;
}

internal sealed class SyncOaUsersHandler(PlatformDb db, OaProvisioningOptions options, SessionFactory sessions, IClock clock)
    : IRequestHandler<SyncOaUsers, OaSyncPlan>
{
    public async Task<OaSyncPlan> Handle(SyncOaUsers request, CancellationToken cancellationToken)
    {
        if (request.Users.Count > OaProvisioningOptions.MaxUsers)
            throw new RuleViolationException("oa_sync_too_many", "oa.sync_too_many", OaProvisioningOptions.MaxUsers);
        var accounts = (await db.QueryAsync<AccountRow>("""
            select id, user_name, display_name, employee_number, enabled, provisioned_by from platform.user_account
            """, ct: cancellationToken)).ToList();
        var byEmployeeNumber = accounts.Where(a => a.EmployeeNumber is not null)
            .ToDictionary(a => a.EmployeeNumber!.ToLowerInvariant());
        var userNames = accounts.Select(a => a.UserName.ToLowerInvariant()).ToHashSet();
        var departments = (await db.QueryAsync<DepartmentRow>("""
            select m.department_code, m.organization_id, o.name as organization_name
            from platform.oa_department_map m join platform.organization o on o.id = m.organization_id where o.status = 'active'
            """, ct: cancellationToken)).ToDictionary(d => d.DepartmentCode);

        var items = new List<OaSyncItem>();
        var listed = new HashSet<string>();
        foreach (var user in request.Users)
        {
            var employeeNumber = user.EmployeeNumber?.Trim();
            var loginName = string.IsNullOrWhiteSpace(user.LoginName) ? employeeNumber : user.LoginName.Trim();
            var name = string.IsNullOrWhiteSpace(user.Name) ? loginName : user.Name.Trim();
            if (!IsCode(employeeNumber, 32) || !IsUserName(loginName) || name!.Length > 64)
            {
                items.Add(new(OaSyncActions.Skip, user.Row, employeeNumber, loginName, name, user.DepartmentCode, null, "invalid_row"));
                continue;
            }
            if (!listed.Add(employeeNumber!.ToLowerInvariant()))
            {
                items.Add(new(OaSyncActions.Skip, user.Row, employeeNumber, loginName, name, user.DepartmentCode, null, "duplicate_employee_number"));
                continue;
            }
            if (byEmployeeNumber.TryGetValue(employeeNumber.ToLowerInvariant(), out var account))
            {
                if (!user.Active && account.Enabled)
                    items.Add(new(OaSyncActions.Disable, user.Row, employeeNumber, account.UserName, account.DisplayName, user.DepartmentCode, null, "inactive_in_oa"));
                else if (user.Active && account.DisplayName != name)
                    items.Add(new(OaSyncActions.Update, user.Row, employeeNumber, account.UserName, name, user.DepartmentCode, null, null));
                continue;
            }
            if (!user.Active) continue;
            if (user.DepartmentCode is null || !departments.TryGetValue(user.DepartmentCode.Trim(), out var department))
                items.Add(new(OaSyncActions.Skip, user.Row, employeeNumber, loginName, name, user.DepartmentCode, null, "department_unmapped"));
            else if (!userNames.Add(loginName!.ToLowerInvariant()))
                items.Add(new(OaSyncActions.Skip, user.Row, employeeNumber, loginName, name, user.DepartmentCode, null, "user_name_taken"));
            else
                items.Add(new(OaSyncActions.Create, user.Row, employeeNumber, loginName, name, department.DepartmentCode, department.OrganizationName, null));
        }
        foreach (var gone in accounts.Where(a => a.Enabled && a.ProvisionedBy is not null && a.EmployeeNumber is not null
                                                 && !listed.Contains(a.EmployeeNumber.ToLowerInvariant())))
            items.Add(new(OaSyncActions.Disable, null, gone.EmployeeNumber, gone.UserName, gone.DisplayName, null, null, "not_in_oa"));

        if (request.Apply) await ApplyAsync(items, byEmployeeNumber, departments, cancellationToken);
        return new OaSyncPlan(request.Apply, Count(OaSyncActions.Create), Count(OaSyncActions.Update), Count(OaSyncActions.Disable),
            Count(OaSyncActions.Skip), items);

        int Count(string action) => items.Count(i => i.Action == action);
    }

    private async Task ApplyAsync(List<OaSyncItem> items, Dictionary<string, AccountRow> byEmployeeNumber, Dictionary<string, DepartmentRow> departments,
        CancellationToken ct)
    {
        var now = clock.UtcNow;
        foreach (var item in items)
        {
            switch (item.Action)
            {
                case OaSyncActions.Create:
                    var id = Guid.CreateVersion7();
                    await db.ExecuteAsync("""
                        insert into platform.user_account (id, user_name, display_name, password_hash, password_changed_at, employee_number, provisioned_by)
                        values (@id, @UserName, @DisplayName, 'sso-only', @now, @EmployeeNumber, 'oa-import');
                        insert into platform.role_grant (id, user_id, role, organization_id, granted_at) values (@grant, @id, @role, @organizationId, @now);
                        """, new
                    {
                        id, item.UserName, item.DisplayName, now, item.EmployeeNumber, grant = Guid.CreateVersion7(), role = options.DefaultRole,
                        organizationId = departments[item.DepartmentCode!].OrganizationId,
                    }, ct);
                    break;
                case OaSyncActions.Update:
                    await db.ExecuteAsync("update platform.user_account set display_name = @DisplayName, version = version + 1 where id = @id",
                        new { item.DisplayName, id = byEmployeeNumber[item.EmployeeNumber!.ToLowerInvariant()].Id }, ct);
                    break;
                case OaSyncActions.Disable:
                    var accountId = byEmployeeNumber[item.EmployeeNumber!.ToLowerInvariant()].Id;
                    await db.ExecuteAsync("update platform.user_account set enabled = false, version = version + 1 where id = @accountId", new { accountId }, ct);
                    await sessions.RevokeOthersAsync(accountId, null, ct);
                    break;
            }
        }
    }

    private static bool IsCode(string? value, int max) =>
        value is { Length: > 0 } v && v.Length <= max && v.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static bool IsUserName(string? value) =>
        value is { Length: >= 3 and <= 64 } v && v.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    private sealed class AccountRow
    {
        public Guid Id { get; init; }
        public string UserName { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string? EmployeeNumber { get; init; }
        public bool Enabled { get; init; }
        public string? ProvisionedBy { get; init; }
    }

    private sealed class DepartmentRow
    {
        public string DepartmentCode { get; init; } = "";
        public Guid OrganizationId { get; init; }
        public string OrganizationName { get; init; } = "";
    }
}
