using System.Collections.Concurrent;

namespace RedSail.Platform.Access;

/// <summary>
/// Resolved sessions, kept for at most <see cref="Lifetime"/>, so that a page of the people list is not also a session
/// lookup (one of five database round trips per request, docs/benchmarks.md). Keyed by the token's SHA-256, never the
/// token. Safety: in this process every change to sessions or grants (sign-out, revocation, a new stage, a role granted
/// or revoked) clears the cache once its transaction has committed, and a lookup that overlapped such a change is not
/// kept; another host behind the same proxy may serve its copy for up to <see cref="Lifetime"/> more, which is the
/// maximum staleness of a sign-out or a revoked role there. An entry also never outlives the session's idle or
/// absolute limit.
/// </summary>
internal sealed class SessionCache
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(3);
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new();
    private long _generation;

    private sealed record Entry(ResolvedPrincipal Resolved, DateTime ValidUntil);

    /// <summary>Changes each time the cache is cleared; take it before reading the session from the database.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public ResolvedPrincipal? Find(string tokenHash, DateTime now) =>
        _entries.TryGetValue(tokenHash, out var entry) && entry.ValidUntil > now ? entry.Resolved : null;

    /// <summary>Keeps a session read at <paramref name="generation"/>, unless the cache was cleared since (the read may be stale).</summary>
    public void Keep(string tokenHash, ResolvedPrincipal resolved, DateTime now, DateTime sessionValidUntil, long generation)
    {
        if (_entries.Count > PruneAbove)
            foreach (var (key, stale) in _entries)
                if (stale.ValidUntil <= now) _entries.TryRemove(key, out _);
        var validUntil = now + Lifetime < sessionValidUntil ? now + Lifetime : sessionValidUntil;
        _entries[tokenHash] = new Entry(resolved, validUntil);
        if (Generation != generation) _entries.TryRemove(tokenHash, out _);
    }

    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }
}
