using RedSail.Modules.Analytics.Contracts;
using RedSail.Modules.Analytics.Features.ReadModel;

namespace RedSail.Modules.Analytics.Features.RebuildAnalytics;

internal sealed class RebuildAnalyticsHandler(AnalyticsDb db) : IRequestHandler<Contracts.RebuildAnalytics, long>
{
    /// <summary>Events per read of the log: a batch's payloads stay in memory while it is applied.</summary>
    private const int BatchSize = 5_000;

    public Task<long> Handle(Contracts.RebuildAnalytics request, CancellationToken cancellationToken)
    {
        db.CommandTimeoutSeconds = 3_600; // the final recount reads every fact row at once: minutes at a million people
        return Projection.RebuildAsync(db, BatchSize, cancellationToken);
    }
}
