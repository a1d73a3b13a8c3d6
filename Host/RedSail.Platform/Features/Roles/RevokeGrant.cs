using RedSail.Platform.Access;

namespace RedSail.Platform.Features.Roles;

/// <summary>Withdraws a role grant; it takes effect on the holder's next request.</summary>
public sealed record RevokeGrant(Guid GrantId) : ICommand<Unit>
{
    public string AuditAction => "platform.roles.revoke";
    public AuditTarget AuditTarget => new("role_grant", GrantId.ToString());
}

internal sealed class RevokeGrantHandler(PlatformDb db, RequestContext context, SessionCache sessions) : IRequestHandler<RevokeGrant, Unit>
{
    public async Task<Unit> Handle(RevokeGrant request, CancellationToken cancellationToken)
    {
        var holder = await db.QuerySingleOrDefaultAsync<Guid?>("delete from platform.role_grant where id = @GrantId and user_id <> @me returning user_id",
            new { request.GrantId, me = context.Principal.UserId }, cancellationToken);
        if (holder is null) throw new NotFoundException("role_grant", request.GrantId.ToString());
        db.AfterCommit(sessions.Clear); // the holder's signed-in sessions lose the permission now, not when a cached copy expires
        return Unit.Value;
    }
}

internal static class RevokeGrantEndpoint
{
    public static void MapRevokeGrant(this IEndpointRouteBuilder api) =>
        api.MapDelete("/grants/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new RevokeGrant(id), ct);
                return Results.NoContent();
            })
            .WithName("RevokeGrant").WithSummary("撤销角色授权").RequirePermission(PlatformPermissions.Roles);
}
