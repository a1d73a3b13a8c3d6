using RedSail.Platform.Access;
using RedSail.Platform.Features.SignIn;

namespace RedSail.Platform.Features.Users;

/// <summary>Enables or disables an account; disabling ends its sessions at once.</summary>
public sealed record SetUserEnabled(Guid UserId, bool Enabled) : ICommand<Unit>
{
    public string AuditAction => Enabled ? "platform.users.enable" : "platform.users.disable";
    public AuditTarget AuditTarget => new("user_account", UserId.ToString());
}

internal sealed class SetUserEnabledHandler(PlatformDb db, SessionFactory sessions) : IRequestHandler<SetUserEnabled, Unit>
{
    public async Task<Unit> Handle(SetUserEnabled request, CancellationToken cancellationToken)
    {
        var changed = await db.ExecuteAsync("update platform.user_account set enabled = @Enabled, version = version + 1 where id = @UserId",
            request, cancellationToken);
        if (changed == 0) throw new NotFoundException("user_account", request.UserId.ToString());
        if (!request.Enabled) await sessions.RevokeOthersAsync(request.UserId, keep: null, cancellationToken);
        return Unit.Value;
    }
}

internal static class SetUserEnabledEndpoint
{
    public static void MapSetUserEnabled(this IEndpointRouteBuilder api)
    {
        api.MapPost("/users/{id:guid}/enable", (Guid id, IMediator mediator, CancellationToken ct) => Send(mediator, id, true, ct))
            .WithName("EnableUser").WithSummary("启用用户").RequirePermission(PlatformPermissions.Users);
        api.MapPost("/users/{id:guid}/disable", (Guid id, IMediator mediator, CancellationToken ct) => Send(mediator, id, false, ct))
            .WithName("DisableUser").WithSummary("停用用户（立即注销其会话）").RequirePermission(PlatformPermissions.Users);
    }

    private static async Task<IResult> Send(IMediator mediator, Guid id, bool enabled, CancellationToken ct)
    {
        await mediator.Send(new SetUserEnabled(id, enabled), ct);
        return Results.NoContent();
    }
}
