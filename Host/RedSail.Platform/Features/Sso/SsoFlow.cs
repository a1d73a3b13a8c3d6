using RedSail.BuildingBlocks.Audit;
using RedSail.Platform.Access;

namespace RedSail.Platform.Features.Sso;

/// <summary>
/// The end of every adapter's round trip: an identity becomes a session and the browser goes home; a refusal is
/// audited (with why: forged state, replayed or rejected ticket...) and the browser goes back to the sign-in page.
/// </summary>
internal sealed class SsoFlow(IMediator mediator, AuditTrail audit, RequestContext context, SecurityOptions security, SsoOptions options)
{
    public const string Home = "/";

    public async Task<string> CompleteAsync(HttpContext http, string provider, SsoIdentity identity, CancellationToken ct)
    {
        try
        {
            var session = await mediator.Send(new CompleteSsoSignIn(provider, identity), ct);
            SessionCookies.Write(http, security, session.SessionToken, session.CsrfToken);
            return Home;
        }
        catch (AppException e)
        {
            return SignInPage(e.Code); // audited by the command pipeline
        }
    }

    /// <summary>Audits a refusal before any identity was established; returns where the browser goes.</summary>
    public async Task<string> RefuseAsync(string provider, string reason, string? detail = null)
    {
        await audit.RecordAsync(context, new AuditEntry("platform.auth.sso", AuditResult.Denied, "sso_provider", provider, null,
            detail is null ? reason : reason + ": " + detail), CancellationToken.None);
        return SignInPage(reason);
    }

    /// <summary>RedSail's callback for a provider, as the OA must call it back (and as CAS compares the service).</summary>
    public string CallbackUrl(HttpContext http, string provider) =>
        (options.PublicBaseUrl?.TrimEnd('/') ?? $"{http.Request.Scheme}://{http.Request.Host}") + $"/sso/{Uri.EscapeDataString(provider)}/callback";

    private static string SignInPage(string reason) => "/login?sso_error=" + Uri.EscapeDataString(reason);
}

/// <summary>Why a sign-in through the OA was refused before the OA's user was known (audit detail and the sign-in page's message).</summary>
internal static class SsoRefusals
{
    public const string ForgedState = "sso.forged_state";
    public const string MissingTicket = "sso.missing_ticket";
    public const string ReplayedTicket = "sso.replayed_ticket";
    public const string TicketRejected = "sso.ticket_rejected";
    public const string ProviderUnreachable = "sso.provider_unreachable";
    public const string UnknownProvider = "sso.unknown_provider";
}
