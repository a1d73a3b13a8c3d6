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
internal sealed record FoldCountDeltas(int Limit = 20_000) : ICommand<FoldedCountDeltas>
{
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
/// Folds pending count deltas in the background, slice after slice while there are any, then looks again after
/// <see cref="Pause"/>: the event path only appends deltas, and this keeps what readers must add to the closure rows small.
/// Every host runs one; they take disjoint rows. <c>Analytics:FoldCountDeltas=false</c> turns it off (tests that fold by hand).
/// </summary>
internal sealed class CountDeltaFolder(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<CountDeltaFolder> log) : BackgroundService
{
    public static readonly TimeSpan Pause = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Analytics:FoldCountDeltas", true)) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await FoldWhilePendingAsync(stoppingToken);
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

    private async Task FoldWhilePendingAsync(CancellationToken ct)
    {
        FoldedCountDeltas folded;
        do
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<RequestContext>().Principal = Principal.System;
            folded = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new FoldCountDeltas(), ct);
        } while (folded.Taken > 0);
    }
}
