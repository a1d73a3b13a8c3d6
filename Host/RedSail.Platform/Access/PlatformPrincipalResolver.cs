using Dapper;
using Npgsql;
using RedSail.BuildingBlocks.Data;

namespace RedSail.Platform.Access;

/// <summary>
/// Resolves the caller from the session cookie or an OA bearer token, in one query each; a session resolved in the
/// last few seconds comes from <see cref="SessionCache"/> (its maximum staleness is documented there). A session past
/// its idle (30 min) or absolute (12 h) limit is revoked on sight. A session still at a sign-in step (TOTP)
/// carries no principal; one that must change its password is signed in without any role.
/// </summary>
internal sealed class PlatformPrincipalResolver(ModuleDataSources sources, SecurityOptions options, IClock clock, SessionCache cache) : IPrincipalResolver
{
    // Its own short-lived connection: held only for the lookup, not for the rest of the request.
    private NpgsqlDataSource Platform => sources.For(PlatformModule.Schema);

    public async Task<ResolvedPrincipal?> ResolveAsync(HttpContext http, CancellationToken ct)
    {
        var authorization = http.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return await ResolveOaClientAsync(authorization["Bearer ".Length..].Trim(), ct);
        if (http.Request.Cookies.TryGetValue(SessionCookies.Session, out var token) && token is { Length: > 0 and < 100 })
            return await ResolveSessionAsync(token, ct);
        return null;
    }

    private async Task<ResolvedPrincipal?> ResolveSessionAsync(string token, CancellationToken ct)
    {
        var hash = SessionCookies.HashOf(token);
        var key = Convert.ToHexString(hash);
        var now = clock.UtcNow.UtcDateTime;
        if (cache.Find(key, now) is { } cached) return cached;
        var generation = cache.Generation;

        await using var db = await Platform.OpenConnectionAsync(ct);
        var session = await db.QuerySingleOrDefaultAsync<SessionRow>(new CommandDefinition("""
            select s.id, s.user_id, s.stage, s.csrf_token, s.last_seen_at, s.expires_at, u.user_name, u.enabled, u.employee_number,
                   coalesce(array_agg(g.role) filter (where g.id is not null), '{}') as roles,
                   coalesce(array_agg(coalesce(g.organization_id::text, '')) filter (where g.id is not null), '{}') as organizations
            from platform.session s
            join platform.user_account u on u.id = s.user_id
            left join platform.role_grant g on g.user_id = s.user_id
            where s.token_hash = @hash and s.revoked_at is null
            group by s.id, u.id
            """, new { hash }, cancellationToken: ct));
        if (session is null) return null;

        if (!session.Enabled || session.ExpiresAt <= now || session.LastSeenAt < now.AddMinutes(-options.IdleTimeoutMinutes))
        {
            await db.ExecuteAsync(new CommandDefinition("update platform.session set revoked_at = @now where id = @id", new { now, id = session.Id }, cancellationToken: ct));
            return null;
        }
        var lastSeen = session.LastSeenAt;
        if (session.LastSeenAt < now.AddMinutes(-1)) // at most one write a minute per session
        {
            await db.ExecuteAsync(new CommandDefinition("update platform.session set last_seen_at = @now where id = @id", new { now, id = session.Id }, cancellationToken: ct));
            lastSeen = now;
        }

        var principal = session.Stage switch
        {
            SessionStages.Active => new Principal(session.UserId, session.UserName, null, session.Roles,
                RoleCatalog.PermissionsOf(session.Roles.Zip(session.Organizations.Select(o => o.Length == 0 ? (Guid?)null : Guid.Parse(o)))),
                EmployeeNumber: session.EmployeeNumber),
            SessionStages.PasswordChange => new Principal(session.UserId, session.UserName, null, [], []),
            _ => Principal.Anonymous,
        };
        var resolved = new ResolvedPrincipal(principal, session.Id, session.CsrfToken);
        var idleLimit = lastSeen.AddMinutes(options.IdleTimeoutMinutes);
        cache.Keep(key, resolved, now, idleLimit < session.ExpiresAt ? idleLimit : session.ExpiresAt, generation);
        return resolved;
    }

    private async Task<ResolvedPrincipal?> ResolveOaClientAsync(string token, CancellationToken ct)
    {
        if (token.Length is 0 or > 100) return null;
        await using var db = await Platform.OpenConnectionAsync(ct);
        var client = await db.QuerySingleOrDefaultAsync<OaClientRow>(new CommandDefinition("""
            select c.client_id, c.scopes from platform.oa_token t join platform.oa_client c on c.client_id = t.client_id
            where t.token_hash = @hash and t.expires_at > now() and c.enabled
            """, new { hash = SessionCookies.HashOf(token) }, cancellationToken: ct));
        return client is null
            ? null
            : new ResolvedPrincipal(new Principal(null, null, client.ClientId, ["oa_client"], RoleCatalog.PermissionsOfOaClient(client.Scopes)), null, null);
    }

    private sealed class SessionRow
    {
        public Guid Id { get; init; }
        public Guid UserId { get; init; }
        public string Stage { get; init; } = "";
        public string CsrfToken { get; init; } = "";
        public DateTime LastSeenAt { get; init; }
        public DateTime ExpiresAt { get; init; }
        public string UserName { get; init; } = "";
        public string? EmployeeNumber { get; init; }
        public bool Enabled { get; init; }
        public string[] Roles { get; init; } = [];
        // Text, because a global grant has no organisation and Npgsql will not read a null into Guid[].
        public string[] Organizations { get; init; } = [];
    }

    private sealed class OaClientRow
    {
        public string ClientId { get; init; } = "";
        public string[] Scopes { get; init; } = [];
    }
}

internal static class SessionStages
{
    public const string Totp = "totp";
    public const string TotpSetup = "totp-setup";
    public const string PasswordChange = "password-change";
    public const string Active = "active";
}
