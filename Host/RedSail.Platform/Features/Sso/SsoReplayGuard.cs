using System.Security.Cryptography;
using System.Text;
using Dapper;
using RedSail.BuildingBlocks.Data;
using RedSail.Platform.Access;

namespace RedSail.Platform.Features.Sso;

/// <summary>
/// RedSail's own half of "single use, short-lived": the pending sign-in a callback must belong to (CAS and ticket URLs;
/// OpenID Connect has the handler's state and nonce), and the tickets already presented. Each check commits on its own
/// connection at once, so a refused sign-in still spends its state and its ticket.
/// </summary>
internal sealed class SsoReplayGuard(ModuleDataSources sources, SsoOptions options, SecurityOptions security, IClock clock)
{
    public const string PendingCookie = "redsail.sso";

    /// <summary>Remembers that this browser started a sign-in with <paramref name="provider"/> (a random value in a cookie).</summary>
    public async Task StartAsync(HttpContext http, string provider, CancellationToken ct)
    {
        var state = SessionCookies.NewToken();
        await using var db = await sources.For(PlatformModule.Schema).OpenConnectionAsync(ct);
        await db.ExecuteAsync(new CommandDefinition("""
            delete from platform.sso_pending_login where expires_at < @now;
            insert into platform.sso_pending_login (state_hash, provider, expires_at) values (@hash, @provider, @expires);
            """, new { hash = SessionCookies.HashOf(state), provider, now = clock.UtcNow, expires = clock.UtcNow.AddMinutes(options.PendingLoginMinutes) },
            cancellationToken: ct));
        // Lax, not Strict: the browser comes back from the OA's site with a top-level GET, which must carry it.
        http.Response.Cookies.Append(PendingCookie, state, new CookieOptions
        {
            HttpOnly = true, Secure = http.Request.IsHttps || security.AlwaysSecureCookies, SameSite = SameSiteMode.Lax,
            Path = "/sso/", IsEssential = true, MaxAge = TimeSpan.FromMinutes(options.PendingLoginMinutes),
        });
    }

    /// <summary>Spends the browser's pending sign-in with <paramref name="provider"/>; false when it has none (or it expired).</summary>
    public async Task<bool> FinishAsync(HttpContext http, string provider, CancellationToken ct)
    {
        http.Response.Cookies.Delete(PendingCookie, new CookieOptions { Path = "/sso/" });
        if (!http.Request.Cookies.TryGetValue(PendingCookie, out var state) || state is not { Length: > 0 and < 100 }) return false;
        await using var db = await sources.For(PlatformModule.Schema).OpenConnectionAsync(ct);
        return await db.ExecuteAsync(new CommandDefinition("""
            delete from platform.sso_pending_login where state_hash = @hash and provider = @provider and expires_at > @now
            """, new { hash = SessionCookies.HashOf(state), provider, now = clock.UtcNow }, cancellationToken: ct)) == 1;
    }

    /// <summary>Records a ticket as used; false when it was presented before (a replay), whatever the OA would answer.</summary>
    public async Task<bool> SpendTicketAsync(string provider, string ticket, TimeSpan remember, CancellationToken ct)
    {
        await using var db = await sources.For(PlatformModule.Schema).OpenConnectionAsync(ct);
        return await db.ExecuteAsync(new CommandDefinition("""
            with pruned as (delete from platform.sso_used_ticket where expires_at < @now)
            insert into platform.sso_used_ticket (provider, ticket_hash, expires_at) values (@provider, @hash, @expires)
            on conflict do nothing;
            """, new { provider, hash = SHA256.HashData(Encoding.UTF8.GetBytes(ticket)), now = clock.UtcNow, expires = clock.UtcNow.Add(remember) },
            cancellationToken: ct)) == 1;
    }
}
