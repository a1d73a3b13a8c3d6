using System.Security.Cryptography;
using RedSail.Platform.Access;

namespace RedSail.Platform.Features.OaClients;

/// <summary>
/// Registers an OA client with the module APIs it may call. The secret is random (256 bits), shown once and
/// stored only as a hash.
/// </summary>
public sealed record RegisterOaClient(string? Name, string[]? Scopes) : ICommand<RegisteredOaClient>
{
    public string AuditAction => "platform.oa_clients.register";
}

public sealed record RegisteredOaClient(string ClientId, string ClientSecret) : IAuditedResult
{
    public AuditTarget? AuditTarget => new("oa_client", ClientId);
}

internal sealed class RegisterOaClientValidator : IValidator<RegisterOaClient>
{
    public void Validate(RegisterOaClient request, ValidationErrors errors)
    {
        errors.RequiredMax("name", request.Name, 64);
        if (request.Scopes is not { Length: > 0 }) errors.Add("scopes", "validation.required");
        else if (request.Scopes.Any(s => !RoleCatalog.OaScopes.Contains(s))) errors.Add("scopes", "oa.unknown_scope");
    }
}

internal sealed class RegisterOaClientHandler(PlatformDb db, RequestContext context) : IRequestHandler<RegisterOaClient, RegisteredOaClient>
{
    public async Task<RegisteredOaClient> Handle(RegisterOaClient request, CancellationToken cancellationToken)
    {
        var clientId = "oa-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();
        var secret = SessionCookies.NewToken();
        await db.ExecuteAsync("""
            insert into platform.oa_client (client_id, name, secret_hash, scopes, created_by)
            values (@clientId, @name, @hash, @scopes, @createdBy)
            """, new { clientId, name = request.Name!.Trim(), hash = SessionCookies.HashOf(secret), scopes = request.Scopes!.Distinct().ToArray(),
                createdBy = context.Principal.UserId }, cancellationToken);
        return new RegisteredOaClient(clientId, secret);
    }
}

internal static class RegisterOaClientEndpoint
{
    public static void MapRegisterOaClient(this IEndpointRouteBuilder api) =>
        api.MapPost("/oa-clients", async (RegisterOaClient command, IMediator mediator, CancellationToken ct) =>
            {
                var registered = await mediator.Send(command, ct);
                return Results.Created($"/api/platform/oa-clients/{registered.ClientId}", registered);
            })
            .WithName("RegisterOaClient").WithSummary("登记 OA 接入客户端（密钥仅显示一次）").RequirePermission(PlatformPermissions.OaClients);
}
