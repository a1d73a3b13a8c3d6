using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RedSail.Modules.Analytics.Features.ReadModel;

namespace RedSail.Modules.Analytics.Features.FoldCountDeltas;

/// <summary>
/// Folds up to <see cref="Limit"/> of the live projection's pending count deltas into the ancestors' counts
/// (<see cref="MemberFacts.FoldAsync"/>), in one transaction. Readers see the same figures before and after: only where they
/// are kept changes, which is why a fold is bookkeeping and leaves no audit line.
/// </summary>
internal sealed record FoldCountDeltas(int Limit = FoldCountDeltas.Slice) : ICommand<FoldedCountDeltas>
{
    /// <summary>
    /// The most a fold takes by default: bigger slices fold for less per delta (<see cref="CountDeltaFolder"/>). 67,000 deltas
    /// folded in 0.9 s at 1,000,000 people, in a transaction neither readers nor the event path wait for (a move does).
    /// </summary>
    public const int Slice = 100_000;

    public string AuditAction => "analytics.counts.fold";
}

internal sealed record FoldedCountDeltas(long Taken) : IAuditedResult
{
    public AuditTarget? AuditTarget => null;
    public bool Remarkable => false;
}

internal sealed class FoldCountDeltasHandler(AnalyticsDb db) : IRequestHandler<FoldCountDeltas, FoldedCountDeltas>
{
    public async Task<FoldedCountDeltas> Handle(FoldCountDeltas request, CancellationToken cancellationToken) =>
        new(await MemberFacts.FoldAsync(db, request.Limit, cancellationToken));
}

/// <summary>
/// Folds pending count deltas in the background: a slice, then at once another while the slices come full (a backlog),
/// otherwise the next after <see cref="Pause"/>. The event path only appends deltas, and this keeps what readers must add to
/// the closure rows small. The pause lets a steady stream of events gather into bigger slices, which fold for less per delta:
/// a delta goes up to six ancestors, and the more deltas a slice holds, the more of them meet there (at 1,000,000 people, a
/// slice of 60,000 deltas made 1.6 upserts per delta, one of 20,000 made 2.0; docs/benchmarks.md). Every host runs one; they
/// take disjoint rows. <c>Analytics:FoldCountDeltas=false</c> turns it off (tests that fold by hand).
/// </summary>
internal sealed class CountDeltaFolder(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<CountDeltaFolder> log) : BackgroundService
{
    public static readonly TimeSpan Pause = TimeSpan.FromSeconds(1);

    /// <summary>Whether a fold of the default slice left a backlog to fold at once: it came full.</summary>
    public static bool LeftABacklog(FoldedCountDeltas folded) => folded.Taken >= FoldCountDeltas.Slice;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Analytics:FoldCountDeltas", true)) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await FoldWhileBackloggedAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The deltas stay pending (readers still count them); the next round tries again.
                log.LogError(e, "Folding analytics count deltas failed; retrying in {Pause}", Pause);
            }
            try { await Task.Delay(Pause, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    private async Task FoldWhileBackloggedAsync(CancellationToken ct)
    {
        FoldedCountDeltas folded;
        do
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<RequestContext>().Principal = Principal.System;
            folded = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new FoldCountDeltas(), ct);
        } while (LeftABacklog(folded));
    }
}
