using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace RedSail.Testing;

/// <summary>A clock the test moves forward, so that tickets and codes expire without waiting.</summary>
public sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Offset { get; set; }
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}

/// <summary>Who is signed in at the OA (the peer's own login page auto-consents for them).</summary>
public sealed record OaUser(string Id, string? Name = null, string? Department = null);

/// <summary>The common part of the OA stand-ins: real HTTP on a free loopback port, a signed-in user, a clock.</summary>
public abstract class SsoPeer : IAsyncDisposable
{
    protected WebApplication App { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;
    public string Url => BaseAddress.ToString().TrimEnd('/');
    public OaUser? SignedIn { get; set; }
    public ShiftedClock Clock { get; } = new();

    protected async Task StartAsync(Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        services?.Invoke(builder.Services);
        App = builder.Build();
        Map(App);
        await App.StartAsync();
        BaseAddress = new Uri(App.Urls.First());
    }

    protected abstract void Map(WebApplication app);

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

/// <summary>
/// An OpenID provider (OpenIddict, degraded mode: no store, ephemeral keys): authorization code with PKCE for one confidential
/// client; its authorize endpoint signs in <see cref="SsoPeer.SignedIn"/> at once (auto-consent).
/// </summary>
public sealed class OidcPeer : SsoPeer
{
    public const string ClientId = "redsail";
    public const string ClientSecret = "oidc-peer-client-secret";

    public static async Task<OidcPeer> StartNewAsync()
    {
        var peer = new OidcPeer();
        await peer.StartAsync(services =>
        {
            services.AddOpenIddict().AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                o.DisableAccessTokenEncryption();
                o.SetAuthorizationCodeLifetime(TimeSpan.FromSeconds(60));
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile);
                o.EnableDegradedMode();
                o.Configure(options => options.TimeProvider = peer.Clock);
                o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();
                o.AddEventHandler<ValidateAuthorizationRequestContext>(b => b.UseInlineHandler(context =>
                {
                    if (context.ClientId != ClientId) context.Reject(Errors.InvalidClient, "unknown client");
                    else if (context.RedirectUri is null || !context.RedirectUri.StartsWith("http://127.0.0.1:", StringComparison.Ordinal))
                        context.Reject(Errors.InvalidRequest, "unregistered redirect_uri");
                    else context.SetRedirectUri(context.RedirectUri);
                    return default;
                }));
                o.AddEventHandler<ValidateTokenRequestContext>(b => b.UseInlineHandler(context =>
                {
                    if (context.Request.ClientId != ClientId || context.Request.ClientSecret != ClientSecret)
                        context.Reject(Errors.InvalidClient, "wrong client credentials");
                    return default;
                }));
            });
        });
        return peer;
    }

    protected override void Map(WebApplication app)
    {
        app.MapMethods("/connect/authorize", ["GET", "POST"], (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest()!;
            if (SignedIn is not { } user) return Results.Unauthorized();
            var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
            identity.AddClaim(new Claim(Claims.Subject, user.Id));
            if (user.Name is not null) identity.AddClaim(new Claim(Claims.Name, user.Name));
            if (user.Department is not null) identity.AddClaim(new Claim("department", user.Department));
            identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
            var principal = new ClaimsPrincipal(identity);
            principal.SetScopes(request.GetScopes());
            return Results.SignIn(principal, null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
    }
}

/// <summary>
/// A CAS server per the CAS protocol: <c>/login?service=</c> issues a single-use service ticket (10 s lifetime) for the
/// signed-in user; <c>/serviceValidate</c> (2.0) and <c>/p3/serviceValidate</c> (3.0, with attributes) answer in the
/// protocol's XML, with INVALID_TICKET for an unknown, used or expired ticket and INVALID_SERVICE for another service.
/// </summary>
public sealed class CasPeer : SsoPeer
{
    private static readonly XNamespace Cas = "http://www.yale.edu/tp/cas";
    private readonly ConcurrentDictionary<string, (string Service, OaUser User, DateTimeOffset IssuedAt)> _tickets = new();
    public static readonly TimeSpan TicketLifetime = TimeSpan.FromSeconds(10);

    public static async Task<CasPeer> StartNewAsync()
    {
        var peer = new CasPeer();
        await peer.StartAsync();
        return peer;
    }

    protected override void Map(WebApplication app)
    {
        app.MapGet("/login", (string service) =>
        {
            if (SignedIn is not { } user) return Results.Unauthorized();
            var ticket = "ST-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            _tickets[ticket] = (service, user, Clock.GetUtcNow());
            return Results.Redirect(service + (service.Contains('?') ? "&" : "?") + "ticket=" + Uri.EscapeDataString(ticket));
        });
        app.MapGet("/serviceValidate", (string? service, string? ticket) => Validate(service, ticket, attributes: false));
        app.MapGet("/p3/serviceValidate", (string? service, string? ticket) => Validate(service, ticket, attributes: true));
    }

    private IResult Validate(string? service, string? ticket, bool attributes)
    {
        XElement body;
        if (ticket is null || !_tickets.TryRemove(ticket, out var issued) || Clock.GetUtcNow() - issued.IssuedAt > TicketLifetime)
            body = new XElement(Cas + "authenticationFailure", new XAttribute("code", "INVALID_TICKET"), $"Ticket {ticket} not recognized");
        else if (issued.Service != service)
            body = new XElement(Cas + "authenticationFailure", new XAttribute("code", "INVALID_SERVICE"), "Service does not match");
        else
            body = new XElement(Cas + "authenticationSuccess",
                new XElement(Cas + "user", issued.User.Id),
                attributes
                    ? new XElement(Cas + "attributes",
                        issued.User.Name is null ? null : new XElement(Cas + "displayName", issued.User.Name),
                        issued.User.Department is null ? null : new XElement(Cas + "department", issued.User.Department))
                    : null);
        var document = new XElement(Cas + "serviceResponse", new XAttribute(XNamespace.Xmlns + "cas", Cas), body);
        return Results.Text(document.ToString(), "application/xml; charset=utf-8");
    }
}

/// <summary>
/// A vendor ticket endpoint (the shape of Weaver's ssoToken or Seeyon's ticket restore): <c>/sso/login?redirect=</c> appends a
/// ticket valid 10 s; <c>/sso/exchange</c> (GET or POST) checks the HMAC-SHA256 of ticket + timestamp (or the shared secret)
/// and answers JSON. Like some OA products it does NOT spend a ticket on exchange, so replays must be stopped by RedSail.
/// </summary>
public sealed class TicketPeer : SsoPeer
{
    public const string Secret = "ticket-peer-shared-secret";
    private readonly ConcurrentDictionary<string, (OaUser User, DateTimeOffset IssuedAt)> _tickets = new();
    public int Exchanges;

    public static async Task<TicketPeer> StartNewAsync()
    {
        var peer = new TicketPeer();
        await peer.StartAsync();
        return peer;
    }

    protected override void Map(WebApplication app)
    {
        app.MapGet("/sso/login", (string redirect) =>
        {
            if (SignedIn is not { } user) return Results.Unauthorized();
            var ticket = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            _tickets[ticket] = (user, Clock.GetUtcNow());
            return Results.Redirect(redirect + (redirect.Contains('?') ? "&" : "?") + "ssoToken=" + ticket);
        });
        app.MapMethods("/sso/exchange", ["GET", "POST"], async (HttpRequest request) =>
        {
            Interlocked.Increment(ref Exchanges);
            var values = request.HasFormContentType ? (await request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString())
                : request.Query.ToDictionary(q => q.Key, q => q.Value.ToString());
            var ticket = values.GetValueOrDefault("token") ?? "";
            var signed = values.TryGetValue("sign", out var sign)
                ? values.TryGetValue("ts", out var ts) && sign == Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(ticket + ts)))
                : values.GetValueOrDefault("appSecret") == Secret;
            if (!signed) return Results.Json(new { code = 401, message = "bad signature" }, statusCode: 401);
            if (!_tickets.TryGetValue(ticket, out var issued)) return Results.Json(new { code = 404, message = "unknown ticket" }, statusCode: 404);
            if (Clock.GetUtcNow() - issued.IssuedAt > TimeSpan.FromSeconds(10)) return Results.Json(new { code = 410, message = "expired" }, statusCode: 410);
            return Results.Json(new { code = 0, data = new { loginName = issued.User.Id, name = issued.User.Name, dept = new { code = issued.User.Department } } });
        });
    }
}
