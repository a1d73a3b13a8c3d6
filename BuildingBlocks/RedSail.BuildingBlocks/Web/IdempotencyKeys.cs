using Dapper;
using RedSail.BuildingBlocks.Data;

namespace RedSail.BuildingBlocks.Web;

/// <summary>A key's row as a retry finds it.</summary>
public sealed record IdempotencyRecord
{
    public byte[] RequestHash { get; init; } = [];
    public string State { get; init; } = "";
    public int? StatusCode { get; init; }
    public string? ContentType { get; init; }
    public string? Location { get; init; }
    public byte[]? ResponseBody { get; init; }
    public bool BodyKept { get; init; }
    public Guid? Holder { get; init; }
}

/// <summary>
/// The reservations of <c>platform.idempotency_key</c>. Every statement commits on its own at once (autocommit on its own
/// connection, never the command's transaction): the reservation must be durable before the command runs, and the
/// stored response must not depend on anything the command does.
/// </summary>
public sealed class IdempotencyKeys(ModuleDataSources sources, IClock clock, HostPresence presence)
{
    public const string Schema = "platform";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>
    /// Reserves the key for this request; null when this call made the reservation, else the row already there. An expired row
    /// counts as absent (the clean-up job may not have run yet). A reservation still <c>running</c> whose host is gone
    /// (<see cref="HostPresence"/>) is taken over: its command never began to commit, and a transaction whose session died
    /// cannot commit any more, so running the request now is its first and only effect. One <c>committing</c> whose host is
    /// gone is answered as <c>unknown</c>.
    /// </summary>
    public async Task<IdempotencyRecord?> ReserveAsync(string caller, string key, byte[] requestHash, CancellationToken ct)
    {
        await using var connection = await sources.For(Schema).OpenConnectionAsync(ct);
        var now = clock.UtcNow;
        var reserved = await connection.ExecuteAsync(new CommandDefinition("""
            insert into platform.idempotency_key (caller, key, request_hash, created_at, expires_at, holder)
            values (@caller, @key, @requestHash, @now, @expires, @holder)
            on conflict (caller, key) do update
                set request_hash = excluded.request_hash, state = 'running', status_code = null, content_type = null, location = null,
                    response_body = null, body_kept = true, created_at = excluded.created_at, completed_at = null, expires_at = excluded.expires_at,
                    holder = excluded.holder
                where platform.idempotency_key.expires_at <= @now
            """, new { caller, key, requestHash, now, expires = now + Lifetime, holder = presence.InstanceId }, cancellationToken: ct));
        if (reserved == 1) return null;
        var existing = await connection.QuerySingleOrDefaultAsync<IdempotencyRecord>(new CommandDefinition("""
            select request_hash, state, status_code, content_type, location, response_body, body_kept, holder
            from platform.idempotency_key where caller = @caller and key = @key
            """, new { caller, key }, cancellationToken: ct));
        // deleted between the two statements (its request failed before committing): the caller may simply retry
        if (existing is null) return new IdempotencyRecord { RequestHash = requestHash, State = "running" };
        if (existing.State is not ("running" or "committing") || existing.Holder is not { } holder || holder == presence.InstanceId
            || !existing.RequestHash.AsSpan().SequenceEqual(requestHash) || await HostPresence.IsAliveAsync(connection, holder, ct))
            return existing;
        if (existing.State == "committing") return existing with { State = "unknown" };
        var takenOver = await connection.ExecuteAsync(new CommandDefinition("""
            update platform.idempotency_key set holder = @me, created_at = @now
            where caller = @caller and key = @key and state = 'running' and holder = @holder
            """, new { caller, key, holder, me = presence.InstanceId, now }, cancellationToken: ct));
        return takenOver == 1 ? null : existing; // another retry took it over first: that one runs
    }

    /// <summary>The request's command is about to commit: from now on its effect may be there whatever happens to this host.</summary>
    public async Task MarkCommittingAsync(string caller, string key)
    {
        await using var connection = await sources.For(Schema).OpenConnectionAsync();
        await connection.ExecuteAsync("update platform.idempotency_key set state = 'committing' where caller = @caller and key = @key and state = 'running'",
            new { caller, key });
    }

    /// <summary>Stores the outcome; <paramref name="body"/> null when the response was too large to keep.</summary>
    public async Task CompleteAsync(string caller, string key, int status, string? contentType, string? location, byte[]? body)
    {
        // Not the request's token: the response is already written, and a replay must find it even if the client went away.
        await using var connection = await sources.For(Schema).OpenConnectionAsync();
        await connection.ExecuteAsync("""
            update platform.idempotency_key
            set state = 'completed', status_code = @status, content_type = @contentType, location = @location, response_body = @body,
                body_kept = @kept, completed_at = now()
            where caller = @caller and key = @key
            """, new { caller, key, status, contentType, location, body, kept = body is not null });
    }

    /// <summary>The request failed before any commit: nothing happened, so the key is free for a retry of the same request.</summary>
    public async Task ReleaseAsync(string caller, string key)
    {
        await using var connection = await sources.For(Schema).OpenConnectionAsync();
        await connection.ExecuteAsync("delete from platform.idempotency_key where caller = @caller and key = @key and state = 'running'",
            new { caller, key });
    }

    /// <summary>The request failed after its command began to commit: whether it took effect is not known here.</summary>
    public async Task MarkUnknownAsync(string caller, string key)
    {
        await using var connection = await sources.For(Schema).OpenConnectionAsync();
        await connection.ExecuteAsync("update platform.idempotency_key set state = 'unknown' where caller = @caller and key = @key and state in ('running', 'committing')",
            new { caller, key });
    }

    /// <summary>Deletes keys past their 24 hours; returns how many.</summary>
    public async Task<int> PruneAsync(CancellationToken ct)
    {
        await using var connection = await sources.For(Schema).OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition("delete from platform.idempotency_key where expires_at <= @now",
            new { now = clock.UtcNow }, cancellationToken: ct));
    }
}
