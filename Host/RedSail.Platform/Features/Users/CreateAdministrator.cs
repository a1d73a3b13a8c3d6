using RedSail.BuildingBlocks.Security;
using RedSail.Platform.Access;
using RedSail.Platform.Accounts;

namespace RedSail.Platform.Features.Users;

/// <summary>
/// The <c>create-admin</c> verb (and the embedded default's first start): an account holding one of the
/// administrator roles, with the given password and a TOTP secret enrolled at once, returned to be shown
/// to the operator exactly once. Also creates business accounts for the demo (no TOTP unless an administrator).
/// </summary>
public sealed record CreateAdministrator(string UserName, string DisplayName, string Password, string Role, Guid? OrganizationId = null,
    string? EmployeeNumber = null)
    : ICommand<CreatedAdministrator>
{
    public string AuditAction => "platform.users.create_admin";
    public AuditTarget AuditTarget => new("user_account", UserName);
}

public sealed record CreatedAdministrator(Guid Id, string? TotpSecret, string? TotpUri) : IAuditedResult
{
    public AuditTarget? AuditTarget => new("user_account", Id.ToString());
}

internal sealed class CreateAdministratorValidator(PasswordPolicy policy) : IValidator<CreateAdministrator>
{
    public void Validate(CreateAdministrator request, ValidationErrors errors)
    {
        UserNames.Check("userName", request.UserName, errors);
        errors.RequiredMax("displayName", request.DisplayName, 64);
        policy.Check("password", request.Password, request.UserName, errors);
        if (RoleCatalog.Find(request.Role) is not { } role) errors.Add("role", "role.unknown");
        else if (role.Scoped && request.OrganizationId is null) errors.Add("organizationId", "role.needs_organization");
        UserNames.CheckEmployeeNumber(request.EmployeeNumber, errors);
    }
}

internal sealed class CreateAdministratorHandler(PlatformDb db, PasswordHasher hasher, FieldCipher cipher, IClock clock)
    : IRequestHandler<CreateAdministrator, CreatedAdministrator>
{
    public async Task<CreatedAdministrator> Handle(CreateAdministrator request, CancellationToken cancellationToken)
    {
        var role = RoleCatalog.Find(request.Role)!;
        var secret = role.Administrator ? TotpCodes.NewSecret() : null;
        var id = Guid.CreateVersion7();
        var inserted = await db.ExecuteAsync("""
            insert into platform.user_account (id, user_name, display_name, password_hash, password_changed_at, totp_secret, totp_enrolled_at,
                employee_number)
            values (@id, @UserName, @DisplayName, @hash, @now, @totp, case when @totp is null then null else @now end, @EmployeeNumber)
            on conflict do nothing;
            """, new
            {
                id, request.UserName, request.DisplayName, hash = hasher.Hash(request.Password), now = clock.UtcNow, request.EmployeeNumber,
                totp = secret is null ? null : cipher.Encrypt(TotpCodes.Encode(secret)),
            }, cancellationToken);
        if (inserted == 0) new ValidationErrors().Add("userName", "user.name_taken").ThrowIfAny();
        await db.ExecuteAsync("insert into platform.role_grant (id, user_id, role, organization_id) values (@grantId, @id, @Role, @organizationId)",
            new { grantId = Guid.CreateVersion7(), id, request.Role, organizationId = role.Scoped ? request.OrganizationId : null }, cancellationToken);
        return new CreatedAdministrator(id, secret is null ? null : TotpCodes.Encode(secret), secret is null ? null : TotpCodes.Uri(secret, request.UserName));
    }
}
