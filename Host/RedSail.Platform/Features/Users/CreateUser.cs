using RedSail.Platform.Access;
using RedSail.Platform.Accounts;

namespace RedSail.Platform.Features.Users;

/// <summary>
/// The system administrator opens an account with an initial password, which its owner must change at
/// first sign-in. Roles are granted separately, by the security administrator.
/// </summary>
public sealed record CreateUser(string? UserName, string? DisplayName, string? Password, string? EmployeeNumber = null) : ICommand<CreatedUser>
{
    public string AuditAction => "platform.users.create";
    public AuditTarget AuditTarget => new("user_account", UserName);
}

public sealed record CreatedUser(Guid Id) : IAuditedResult
{
    public AuditTarget? AuditTarget => new("user_account", Id.ToString());
}

internal sealed class CreateUserValidator(PasswordPolicy policy) : IValidator<CreateUser>
{
    public void Validate(CreateUser request, ValidationErrors errors)
    {
        UserNames.Check("userName", request.UserName, errors);
        errors.RequiredMax("displayName", request.DisplayName, 64);
        policy.Check("password", request.Password, request.UserName, errors);
        UserNames.CheckEmployeeNumber(request.EmployeeNumber, errors);
    }
}

internal static class UserNames
{
    /// <summary>3–64 characters: letters, digits, dot, underscore, hyphen (they appear in logs and OA mappings).</summary>
    public static void Check(string field, string? userName, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(userName)) { errors.Add(field, "validation.required"); return; }
        if (userName.Length is < 3 or > 64 || !userName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            errors.Add(field, "user.name_format");
    }

    /// <summary>Optional; the person's employee number as Personnel records it (letters, digits, hyphen, underscore; ≤32).</summary>
    public static void CheckEmployeeNumber(string? employeeNumber, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(employeeNumber)) return;
        if (employeeNumber.Length > 32 || !employeeNumber.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            errors.Add("employeeNumber", "user.employee_number_format");
    }

    /// <summary>Turns a taken user name or employee number into its field error.</summary>
    public static void ThrowIfTaken(Npgsql.PostgresException e)
    {
        if (e.SqlState != Npgsql.PostgresErrorCodes.UniqueViolation) return;
        new ValidationErrors().Add(e.ConstraintName?.Contains("employee_number") == true ? "employeeNumber" : "userName",
            e.ConstraintName?.Contains("employee_number") == true ? "user.employee_number_taken" : "user.name_taken").ThrowIfAny();
    }
}

internal sealed class CreateUserHandler(PlatformDb db, PasswordHasher hasher, IClock clock) : IRequestHandler<CreateUser, CreatedUser>
{
    public async Task<CreatedUser> Handle(CreateUser request, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        try
        {
            await db.ExecuteAsync("""
                insert into platform.user_account (id, user_name, display_name, password_hash, password_changed_at, must_change_password, employee_number)
                values (@id, @UserName, @DisplayName, @hash, @now, true, @employeeNumber)
                """, new
                {
                    id, request.UserName, DisplayName = request.DisplayName!.Trim(), hash = hasher.Hash(request.Password!), now = clock.UtcNow,
                    employeeNumber = string.IsNullOrWhiteSpace(request.EmployeeNumber) ? null : request.EmployeeNumber.Trim(),
                }, cancellationToken);
        }
        catch (Npgsql.PostgresException e)
        {
            UserNames.ThrowIfTaken(e);
            throw;
        }
        return new CreatedUser(id);
    }
}

internal static class CreateUserEndpoint
{
    public static void MapCreateUser(this IEndpointRouteBuilder api) =>
        api.MapPost("/users", async (CreateUser command, IMediator mediator, CancellationToken ct) =>
            {
                var created = await mediator.Send(command, ct);
                return Results.Created($"/api/platform/users/{created.Id}", new { id = created.Id });
            })
            .WithName("CreateUser").WithSummary("新建用户（首次登录须修改初始口令）")
            .RequirePermission(PlatformPermissions.Users);
}
