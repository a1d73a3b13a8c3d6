using RedSail.Platform.Access;
using RedSail.Platform.Features.SignIn;

namespace RedSail.Platform.Features.Users;

/// <summary>Lifts a sign-in lock before it expires (after the owner has been identified by other means).</summary>
public sealed record UnlockUser(Guid UserId) : ICommand<Unit>
{
    public string AuditAction => "platform.users.unlock";
    public AuditTarget AuditTarget => new("user_account", UserId.ToString());
}

internal sealed class UnlockUserHandler(PlatformDb db, SignInGuard guard) : IRequestHandler<UnlockUser, Unit>
{
    public async Task<Unit> Handle(UnlockUser request, CancellationToken cancellationToken)
    {
        var userName = await db.QuerySingleOrDefaultAsync<string>("select user_name from platform.user_account where id = @UserId", request, cancellationToken)
                       ?? throw new NotFoundException("user_account", request.UserId.ToString());
        await guard.UnlockAsync(userName, cancellationToken);
        return Unit.Value;
    }
}

internal static class UnlockUserEndpoint
{
    public static void MapUnlockUser(this IEndpointRouteBuilder api) =>
        api.MapPost("/users/{id:guid}/unlock", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new UnlockUser(id), ct);
                return Results.NoContent();
            })
            .WithName("UnlockUser").WithSummary("解除登录锁定").RequirePermission(PlatformPermissions.Users);
}
