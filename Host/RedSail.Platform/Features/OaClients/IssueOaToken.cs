using System.Security.Cryptography;
using RedSail.Platform.Access;

namespace RedSail.Platform.Features.OaClients;

/// <summary>
/// OAuth 2.0 client credentials: an OA client trades its id and secret for a short-lived bearer token
/// (opaque, stored hashed) to put in the Authorization header of module API calls.
/// </summary>
public sealed record IssueOaToken(string? ClientId, string? ClientSecret) : ICommand<OaToken>
{
    public string AuditAction => "platform.oa_clients.token";
    public AuditTarget AuditTarget => new("oa_client", ClientId);
}

public sealed record OaToken(string AccessToken, string TokenType, int ExpiresIn);

internal sealed class IssueOaTokenValidator : IValidator<IssueOaToken>
{
    public void Validate(IssueOaToken request, ValidationErrors errors) =>
        errors.RequiredMax("clientId", request.ClientId, 64).RequiredMax("clientSecret", request.ClientSecret, 100);
}

internal sealed class IssueOaTokenHandler(PlatformDb db, SecurityOptions options, IClock clock) : IRequestHandler<IssueOaToken, OaToken>
{
    public async Task<OaToken> Handle(IssueOaToken request, CancellationToken cancellationToken)
    {
        var stored = await db.QuerySingleOrDefaultAsync<byte[]>(
            "select secret_hash from platform.oa_client where client_id = @ClientId and enabled", request, cancellationToken);
        var presented = SessionCookies.HashOf(request.ClientSecret!);
        if (stored is null || !CryptographicOperations.FixedTimeEquals(stored, presented))
            throw new AppException(401, "oa.invalid_client", "oa.invalid_client");

        var token = SessionCookies.NewToken();
        var now = clock.UtcNow;
        await db.ExecuteAsync("""
            delete from platform.oa_token where client_id = @ClientId and expires_at < @now;
            insert into platform.oa_token (token_hash, client_id, expires_at) values (@hash, @ClientId, @expires);
            """, new { request.ClientId, now, hash = SessionCookies.HashOf(token), expires = now.AddMinutes(options.OaTokenMinutes) }, cancellationToken);
        return new OaToken(token, "Bearer", options.OaTokenMinutes * 60);
    }
}

internal static class IssueOaTokenEndpoint
{
    public static void MapIssueOaToken(this IEndpointRouteBuilder api) =>
        api.MapPost("/oa/token", async (HttpRequest http, IMediator mediator, CancellationToken ct) =>
            {
                // Accept the OAuth form encoding as well as JSON.
                IssueOaToken command;
                if (http.HasFormContentType)
                {
                    var form = await http.ReadFormAsync(ct);
                    command = new IssueOaToken(form["client_id"], form["client_secret"]);
                }
                else command = await http.ReadFromJsonAsync<IssueOaToken>(ct) ?? new IssueOaToken(null, null);
                var token = await mediator.Send(command, ct);
                return Results.Ok(new { access_token = token.AccessToken, token_type = token.TokenType, expires_in = token.ExpiresIn });
            })
            .WithName("IssueOaToken").WithSummary("OA 客户端获取访问令牌（client_credentials）")
            .Accepts<IssueOaToken>("application/json", "application/x-www-form-urlencoded")
            .AllowAnonymousAccess();
}
