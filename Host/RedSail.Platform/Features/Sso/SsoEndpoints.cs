using Microsoft.AspNetCore.Authentication;

namespace RedSail.Platform.Features.Sso;

/// <summary>
/// <c>/sso/{provider}/login</c> sends the browser to the OA; <c>/sso/{provider}/callback</c> is where it comes back
/// (for OpenID Connect the handler answers it, see <see cref="SsoRegistration.UseSso"/>). Outside <c>/api</c>: these are
/// browser navigations that end in a redirect, not API calls.
/// </summary>
internal static class SsoEndpoints
{
    public static void MapSsoRoundTrip(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/sso/{provider}/login", async (string provider, HttpContext http, SsoOptions options, SsoReplayGuard guard, SsoFlow flow,
                CancellationToken ct) =>
            {
                if (!options.Providers.TryGetValue(provider, out var configured))
                    return Results.Redirect(await flow.RefuseAsync(provider[..Math.Min(provider.Length, 32)], SsoRefusals.UnknownProvider));
                var name = options.Providers.Keys.First(k => k.Equals(provider, StringComparison.OrdinalIgnoreCase));
                switch (configured.Kind)
                {
                    case SsoKinds.Oidc:
                        return Results.Challenge(new AuthenticationProperties { RedirectUri = SsoFlow.Home }, [SsoRegistration.SchemeOf(name)]);
                    case SsoKinds.Cas:
                        await guard.StartAsync(http, name, ct);
                        return Results.Redirect(CasValidation.LoginUrl(configured.Cas, flow.CallbackUrl(http, name)));
                    default:
                        await guard.StartAsync(http, name, ct);
                        return Results.Redirect(TicketExchange.LoginUrl(configured.Ticket, flow.CallbackUrl(http, name)));
                }
            })
            .WithName("StartSsoSignIn").WithSummary("经 OA 单点登录：转到 OA 认证").AllowAnonymousAccess().ExcludeFromDescription();

        endpoints.MapGet("/sso/{provider}/callback", async (string provider, HttpContext http, SsoOptions options, SsoReplayGuard guard, SsoFlow flow,
                CasValidation cas, TicketExchange exchange, CancellationToken ct) =>
            {
                var name = options.Providers.Keys.FirstOrDefault(k => k.Equals(provider, StringComparison.OrdinalIgnoreCase));
                if (name is null || options.Providers[name].Kind == SsoKinds.Oidc) // an OIDC callback the handler did not take
                    return Results.Redirect(await flow.RefuseAsync(provider[..Math.Min(provider.Length, 32)], SsoRefusals.UnknownProvider));
                var configured = options.Providers[name];
                var ticket = http.Request.Query[configured.Kind == SsoKinds.Cas ? "ticket" : configured.Ticket.TicketParameter].ToString();

                if (!await guard.FinishAsync(http, name, ct)) return Results.Redirect(await flow.RefuseAsync(name, SsoRefusals.ForgedState));
                if (ticket is not { Length: > 0 and <= 512 }) return Results.Redirect(await flow.RefuseAsync(name, SsoRefusals.MissingTicket));
                var remember = TimeSpan.FromMinutes(configured.Kind == SsoKinds.Cas ? 60 : configured.Ticket.TicketMemoryMinutes);
                if (!await guard.SpendTicketAsync(name, ticket, remember, ct)) return Results.Redirect(await flow.RefuseAsync(name, SsoRefusals.ReplayedTicket));

                var result = configured.Kind == SsoKinds.Cas
                    ? await cas.ValidateAsync(configured.Cas, flow.CallbackUrl(http, name), ticket, ct)
                    : await exchange.ExchangeAsync(configured.Ticket, ticket, ct);
                return Results.Redirect(result.Identity is { } identity
                    ? await flow.CompleteAsync(http, name, identity, ct)
                    : await flow.RefuseAsync(name, result.Refusal!, result.Detail));
            })
            .WithName("FinishSsoSignIn").WithSummary("经 OA 单点登录：OA 回调，服务端校验票据").AllowAnonymousAccess().ExcludeFromDescription();
    }
}
