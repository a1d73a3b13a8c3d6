using RedSail.Platform.Access;

namespace RedSail.Platform.Features.SignIn;

/// <summary>Creates, advances and revokes server-side sessions (the cookie holds only a random token).</summary>
internal sealed class SessionFactory(PlatformDb db, SecurityOptions options, IClock clock, RequestContext context, SessionCache cache)
{
    public bool TotpRequiredForAdministrators => options.RequireTotpForAdministrators;

    public async Task<(string Token, string Csrf)> CreateAsync(Guid userId, string stage, CancellationToken ct)
    {
        var token = SessionCookies.NewToken();
        var csrf = SessionCookies.NewToken();
        var now = clock.UtcNow;
        await db.ExecuteAsync("""
            insert into platform.session (id, token_hash, user_id, stage, csrf_token, created_at, last_seen_at, expires_at, source_address)
            values (@id, @hash, @userId, @stage, @csrf, @now, @now, @expires, @address)
            """, new
            {
                id = Guid.CreateVersion7(), hash = SessionCookies.HashOf(token), userId, stage, csrf, now,
                expires = now.AddHours(options.AbsoluteTimeoutHours), address = context.SourceAddress,
            }, ct);
        return (token, csrf);
    }

    /// <summary>Moves a session to its next stage under a new token, so a token seen before the step is worthless after it.</summary>
    public async Task<(string Token, string Csrf)> AdvanceAsync(Guid sessionId, string stage, CancellationToken ct)
    {
        var token = SessionCookies.NewToken();
        var csrf = SessionCookies.NewToken();
        await db.ExecuteAsync("update platform.session set token_hash = @hash, csrf_token = @csrf, stage = @stage where id = @sessionId",
            new { hash = SessionCookies.HashOf(token), csrf, stage, sessionId }, ct);
        db.AfterCommit(cache.Clear);
        return (token, csrf);
    }

    /// <summary>
    /// After the password (and the second factor where required): a password set by an administrator must be
    /// changed before anything else. An old password (over 90 days) only brings a reminder, through /me.
    /// </summary>
    public async Task<string> StageAfterSecondFactorAsync(Guid userId, CancellationToken ct)
    {
        var mustChange = await db.ExecuteScalarAsync<bool>(
            "select must_change_password from platform.user_account where id = @userId", new { userId }, ct);
        return mustChange ? SessionStages.PasswordChange : SessionStages.Active;
    }

    /// <summary>Ends a session; resolved copies of it (<see cref="SessionCache"/>) are dropped when this commits.</summary>
    public async Task RevokeAsync(Guid sessionId, CancellationToken ct)
    {
        await db.ExecuteAsync("update platform.session set revoked_at = now() where id = @sessionId and revoked_at is null", new { sessionId }, ct);
        db.AfterCommit(cache.Clear);
    }

    public async Task RevokeOthersAsync(Guid userId, Guid? keep, CancellationToken ct)
    {
        await db.ExecuteAsync("update platform.session set revoked_at = now() where user_id = @userId and revoked_at is null and id is distinct from @keep",
            new { userId, keep }, ct);
        db.AfterCommit(cache.Clear);
    }
}
