using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace RedSail.Platform.Features.Sso;

/// <summary>
/// OpenID Connect with the standard ASP.NET Core handler: authorization code with PKCE, as a confidential client; the handler
/// checks state (its correlation cookie) and nonce. When it has the user, RedSail opens its own session instead of a
/// cookie-authentication sign-in, and audits every failure.
/// </summary>
internal static class OidcSignIn
{
    public static void Configure(OpenIdConnectOptions o, string provider, OidcProviderOptions oidc, string? publicBaseUrl)
    {
        o.Authority = oidc.Authority;
        o.ClientId = oidc.ClientId;
        o.ClientSecret = oidc.ClientSecret;
        o.ResponseType = OpenIdConnectResponseType.Code;
        o.UsePkce = true;
        // The code comes back in a top-level GET, so the handler's Lax cookies come with it (form_post would need SameSite=None).
        o.ResponseMode = OpenIdConnectResponseMode.Query;
        o.CallbackPath = $"/sso/{provider}/callback";
        o.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
        o.MapInboundClaims = false;
        o.SaveTokens = false;
        o.GetClaimsFromUserInfoEndpoint = false;
        o.Scope.Clear();
        foreach (var scope in oidc.Scopes) o.Scope.Add(scope);
        foreach (var cookie in new[] { o.CorrelationCookie, o.NonceCookie })
        {
            cookie.SameSite = SameSiteMode.Lax;
            cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        }
        o.Events = new OpenIdConnectEvents
        {
            // Behind a gateway the request's own address is not the one registered at the provider.
            OnRedirectToIdentityProvider = context =>
            {
                if (!string.IsNullOrEmpty(publicBaseUrl)) context.ProtocolMessage.RedirectUri = publicBaseUrl.TrimEnd('/') + o.CallbackPath;
                return Task.CompletedTask;
            },
            OnTicketReceived = async context =>
            {
                var claims = context.Principal!;
                var flow = context.HttpContext.RequestServices.GetRequiredService<SsoFlow>();
                var user = claims.FindFirst(oidc.UserClaim)?.Value;
                var target = string.IsNullOrWhiteSpace(user)
                    ? await flow.RefuseAsync(provider, SsoRefusals.TicketRejected, "no_user_claim")
                    : await flow.CompleteAsync(context.HttpContext, provider, new SsoIdentity(user, claims.FindFirst(oidc.NameClaim)?.Value,
                        oidc.DepartmentClaim is null ? null : claims.FindFirst(oidc.DepartmentClaim)?.Value), context.HttpContext.RequestAborted);
                context.Response.Redirect(target);
                context.HandleResponse();
            },
            OnRemoteFailure = async context =>
            {
                var flow = context.HttpContext.RequestServices.GetRequiredService<SsoFlow>();
                context.Response.Redirect(await flow.RefuseAsync(provider, ReasonOf(context.Failure), context.Failure?.GetType().Name));
                context.HandleResponse();
            },
            OnAccessDenied = async context =>
            {
                var flow = context.HttpContext.RequestServices.GetRequiredService<SsoFlow>();
                context.Response.Redirect(await flow.RefuseAsync(provider, SsoRefusals.TicketRejected, "access_denied"));
                context.HandleResponse();
            },
        };
    }

    /// <summary>
    /// A callback whose state this browser did not start (no or another correlation cookie, state unreadable) or whose
    /// id token carries another nonce is forged or replayed; anything else (an expired or spent code) is the provider saying no.
    /// </summary>
    private static string ReasonOf(Exception? failure) => failure?.Message switch
    {
        { } m when m.Contains("Correlation failed", StringComparison.OrdinalIgnoreCase)
                   || m.Contains("state", StringComparison.OrdinalIgnoreCase)
                   || m.Contains("nonce", StringComparison.OrdinalIgnoreCase) => SsoRefusals.ForgedState,
        { } m when m.Contains("Connection refused", StringComparison.OrdinalIgnoreCase) => SsoRefusals.ProviderUnreachable,
        _ => SsoRefusals.TicketRejected,
    };
}
