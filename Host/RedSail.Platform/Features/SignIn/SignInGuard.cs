namespace RedSail.Platform.Features.SignIn;

/// <summary>
/// Locks a user name for <see cref="SecurityOptions.LockoutMinutes"/> after <see cref="SecurityOptions.LockoutThreshold"/>
/// consecutive failures (password or second factor). Counted per name, existing or not, so the replies to
/// an unknown name and to a wrong password are the same.
/// </summary>
internal sealed class SignInGuard(PlatformDb db, SecurityOptions options, IClock clock)
{
    public async Task<int> LockedMinutesAsync(string userName, CancellationToken ct)
    {
        var until = await db.ExecuteScalarAsync<DateTime?>(
            "select locked_until from platform.sign_in_failure where user_name_key = lower(@userName)", new { userName }, ct);
        return MinutesLeft(until);
    }

    /// <summary>Counts a failure; returns the minutes of the lock it caused, or 0.</summary>
    public async Task<int> RecordFailureAsync(string userName, CancellationToken ct)
    {
        var now = clock.UtcNow;
        var until = await db.ExecuteScalarAsync<DateTime?>("""
            insert into platform.sign_in_failure as f (user_name_key, failures, last_failure_at)
            values (lower(@userName), 1, @now)
            on conflict (user_name_key) do update
                set failures = case when f.locked_until is not null and f.locked_until <= @now then 1 else f.failures + 1 end,
                    locked_until = case when f.locked_until is not null and f.locked_until <= @now then null else f.locked_until end,
                    last_failure_at = @now;
            update platform.sign_in_failure
                set locked_until = @now + make_interval(mins => @minutes)
                where user_name_key = lower(@userName) and failures >= @threshold and locked_until is null
                returning locked_until;
            """, new { userName, now, minutes = options.LockoutMinutes, threshold = options.LockoutThreshold }, ct);
        return MinutesLeft(until);
    }

    public Task ClearAsync(string userName, CancellationToken ct) =>
        db.ExecuteAsync("delete from platform.sign_in_failure where user_name_key = lower(@userName)", new { userName }, ct);

    /// <summary>Lifts a lock (the system administrator's unlock).</summary>
    public Task UnlockAsync(string userName, CancellationToken ct) => ClearAsync(userName, ct);

    private int MinutesLeft(DateTime? until) =>
        until is { } u && u > clock.UtcNow.UtcDateTime ? (int)Math.Ceiling((u - clock.UtcNow.UtcDateTime).TotalMinutes) : 0;
}
