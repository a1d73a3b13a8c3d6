using RedSail.Platform.Access;

namespace RedSail.Platform.Features.OaClients;

/// <summary>The registered OA clients (never their secrets).</summary>
public sealed record ListOaClients : IQuery<IReadOnlyList<OaClientView>>;

// A class, not a positional record: Dapper cannot match a constructor parameter to a PostgreSQL array column.
public sealed class OaClientView
{
    public string ClientId { get; init; } = "";
    public string Name { get; init; } = "";
    public string[] Scopes { get; init; } = [];
    public bool Enabled { get; init; }
    public DateTime CreatedAt { get; init; }
}

internal sealed class ListOaClientsHandler(PlatformDb db) : IRequestHandler<ListOaClients, IReadOnlyList<OaClientView>>
{
    public Task<IReadOnlyList<OaClientView>> Handle(ListOaClients request, CancellationToken cancellationToken) =>
        db.QueryAsync<OaClientView>("select client_id, name, scopes, enabled, created_at from platform.oa_client order by created_at", null, cancellationToken);
}

internal static class ListOaClientsEndpoint
{
    public static void MapListOaClients(this IEndpointRouteBuilder api) =>
        api.MapGet("/oa-clients", (IMediator mediator, CancellationToken ct) => mediator.Send(new ListOaClients(), ct))
            .WithName("ListOaClients").WithSummary("OA 接入客户端列表").RequirePermission(PlatformPermissions.OaClients);
}
