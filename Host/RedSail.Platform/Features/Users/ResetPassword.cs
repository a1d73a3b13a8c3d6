using RedSail.Platform.Access;
using RedSail.Platform.Accounts;
using RedSail.Platform.Features.SignIn;

namespace RedSail.Platform.Features.Users;

/// <summary>Sets a new initial password; the owner must change it at the next sign-in, and their sessions end.</summary>
public sealed record ResetPassword(Guid UserId, string? Password) : ICommand<Unit>
{
    public string AuditAction => "platform.users.reset_password";
    public AuditTarget AuditTarget => new("user_account", UserId.ToString());
}

public sealed record ResetPasswordBody(string? Password);

internal sealed class ResetPasswordValidator(PasswordPolicy policy) : IValidator<ResetPassword>
{
    public void Validate(ResetPassword request, ValidationErrors errors) => policy.Check("password", request.Password, null, errors);
}

internal sealed class ResetPasswordHandler(PlatformDb db, PasswordHasher hasher, SessionFactory sessions, IClock clock)
    : IRequestHandler<ResetPassword, Unit>
{
    public async Task<Unit> Handle(ResetPassword request, CancellationToken cancellationToken)
    {
        var changed = await db.ExecuteAsync("""
            update platform.user_account
            set password_hash = @hash, password_changed_at = @now, must_change_password = true, version = version + 1
            where id = @UserId
            """, new { request.UserId, hash = hasher.Hash(request.Password!), now = clock.UtcNow }, cancellationToken);
        if (changed == 0) throw new NotFoundException("user_account", request.UserId.ToString());
        await sessions.RevokeOthersAsync(request.UserId, keep: null, cancellationToken);
        return Unit.Value;
    }
}

internal static class ResetPasswordEndpoint
{
    public static void MapResetPassword(this IEndpointRouteBuilder api) =>
        api.MapPost("/users/{id:guid}/reset-password", async (Guid id, ResetPasswordBody body, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new ResetPassword(id, body.Password), ct);
                return Results.NoContent();
            })
            .WithName("ResetPassword").WithSummary("重置口令（用户下次登录须修改）").RequirePermission(PlatformPermissions.Users);
}
