namespace RedSail.Platform.Features.Idempotency;

/// <summary>
/// Forgets Idempotency-Keys past their 24 hours (a retry after that is a new request). Sent hourly by the scheduler; a key that
/// expired but is not yet deleted already counts as free when reserved, so the job only keeps the table small.
/// </summary>
internal sealed record PruneIdempotencyKeys : ICommand<PrunedIdempotencyKeys>
{
    public string AuditAction => "platform.idempotency.prune";
}

internal sealed record PrunedIdempotencyKeys(int Deleted) : IAuditedResult
{
    public AuditTarget? AuditTarget => null;
    public bool Remarkable => Deleted > 0;
}

internal sealed class PruneIdempotencyKeysHandler(IdempotencyKeys keys) : IRequestHandler<PruneIdempotencyKeys, PrunedIdempotencyKeys>
{
    public async Task<PrunedIdempotencyKeys> Handle(PruneIdempotencyKeys request, CancellationToken cancellationToken) =>
        new(await keys.PruneAsync(cancellationToken));
}
