using RedSail.Platform.Access;

namespace RedSail.Platform.Features.OaClients;

/// <summary>Stops an OA client: its tokens stop working at once.</summary>
public sealed record DisableOaClient(string ClientId) : ICommand<Unit>
{
    public string AuditAction => "platform.oa_clients.disable";
    public AuditTarget AuditTarget => new("oa_client", ClientId);
}

internal sealed class DisableOaClientHandler(PlatformDb db) : IRequestHandler<DisableOaClient, Unit>
{
    public async Task<Unit> Handle(DisableOaClient request, CancellationToken cancellationToken)
    {
        var changed = await db.ExecuteAsync("""
            update platform.oa_client set enabled = false where client_id = @ClientId;
            delete from platform.oa_token where client_id = @ClientId;
            """, request, cancellationToken);
        if (changed == 0) throw new NotFoundException("oa_client", request.ClientId);
        return Unit.Value;
    }
}

internal static class DisableOaClientEndpoint
{
    public static void MapDisableOaClient(this IEndpointRouteBuilder api) =>
        api.MapPost("/oa-clients/{clientId}/disable", async (string clientId, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DisableOaClient(clientId), ct);
                return Results.NoContent();
            })
            .WithName("DisableOaClient").WithSummary("停用 OA 接入客户端").RequirePermission(PlatformPermissions.OaClients);
}
