using RedSail.Platform.Access;
using RedSail.Platform.Accounts;

namespace RedSail.Platform.Features.SignIn;

/// <summary>The caller changes their own password; every other session of theirs ends.</summary>
public sealed record ChangePassword(string? CurrentPassword, string? NewPassword) : ICommand<Unit>
{
    public string AuditAction => "platform.auth.change_password";
}

internal sealed class ChangePasswordValidator(PasswordPolicy policy, RequestContext context) : IValidator<ChangePassword>
{
    public void Validate(ChangePassword request, ValidationErrors errors)
    {
        errors.RequiredMax("currentPassword", request.CurrentPassword, 128);
        policy.Check("newPassword", request.NewPassword, context.Principal.UserName, errors);
        if (request.NewPassword is not null && request.NewPassword == request.CurrentPassword)
            errors.Add("newPassword", "password.same_as_current");
    }
}

internal sealed class ChangePasswordHandler(PlatformDb db, PasswordHasher hasher, SessionFactory sessions, RequestContext context,
    IClock clock) : IRequestHandler<ChangePassword, Unit>
{
    public async Task<Unit> Handle(ChangePassword request, CancellationToken cancellationToken)
    {
        var userId = context.Principal.UserId!.Value;
        var stored = await db.QuerySingleAsync<string>(
            "select password_hash from platform.user_account where id = @userId for update", new { userId }, cancellationToken);
        if (!hasher.Verify(stored, request.CurrentPassword!))
            new ValidationErrors().Add("currentPassword", "password.current_wrong").ThrowIfAny();

        await db.ExecuteAsync("""
            update platform.user_account
            set password_hash = @hash, password_changed_at = @now, must_change_password = false, version = version + 1
            where id = @userId
            """, new { hash = hasher.Hash(request.NewPassword!), now = clock.UtcNow, userId }, cancellationToken);
        await sessions.RevokeOthersAsync(userId, context.SessionId, cancellationToken);
        // The password an administrator set is changed: the sign-in it began is complete now.
        if (context.SessionId is { } sessionId
            && await db.ExecuteAsync("update platform.session set stage = @active where id = @sessionId and stage = @change",
                new { sessionId, active = SessionStages.Active, change = SessionStages.PasswordChange }, cancellationToken) == 1)
            await SignInCompletion.CompleteAsync(db, userId, clock.UtcNow, cancellationToken);
        return Unit.Value;
    }
}

internal static class ChangePasswordEndpoint
{
    public static void MapChangePassword(this IEndpointRouteBuilder api) =>
        api.MapPost("/auth/password", async (ChangePassword command, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(command, ct);
                return Results.NoContent();
            })
            .WithName("ChangePassword").WithSummary("修改本人口令（其他会话随之注销）")
            .RequireSignedIn();
}
