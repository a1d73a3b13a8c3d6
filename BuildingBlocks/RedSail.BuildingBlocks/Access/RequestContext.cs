namespace RedSail.BuildingBlocks.Access;

/// <summary>The correlation id that ties log lines, audit rows and outbox events of one request together.</summary>
public interface ICorrelation
{
    string Id { get; }
}

/// <summary>
/// Per-scope facts about the caller: principal, source address, correlation id and UI culture.
/// Set by the HTTP pipeline for requests, and to <see cref="Principal.System"/> for background work.
/// </summary>
public sealed class RequestContext : ICorrelation
{
    public Principal Principal { get; set; } = Principal.Anonymous;
    public string? SourceAddress { get; set; }
    public string Id { get; set; } = Guid.NewGuid().ToString("N");
    public Guid? SessionId { get; set; }

    /// <summary>
    /// Set when a command of this scope began to commit: from then on a failure may come after the effect. The Idempotency-Key
    /// filter frees the key of a request that failed before any commit, and keeps it reserved ("outcome unknown") otherwise.
    /// </summary>
    public bool CommitStarted { get; private set; }

    /// <summary>Runs once, before the first commit of a command in this scope (the Idempotency-Key filter records it).</summary>
    public Func<Task>? BeforeFirstCommit { get; set; }

    /// <summary>Called by the transaction just before a command commits.</summary>
    public async Task CommitStartingAsync()
    {
        if (CommitStarted) return;
        CommitStarted = true;
        if (BeforeFirstCommit is { } hook) await hook();
    }
}
