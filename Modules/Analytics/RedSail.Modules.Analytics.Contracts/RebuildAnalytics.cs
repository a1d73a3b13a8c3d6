using RedSail.BuildingBlocks.Mediation;

namespace RedSail.Modules.Analytics.Contracts;

/// <summary>
/// Empties Analytics' read models and replays the events it logged, in one transaction (the <c>rebuild</c> verb).
/// Returns the number of events replayed.
/// </summary>
public sealed record RebuildAnalytics : ICommand<long>
{
    public string AuditAction => "analytics.rebuild";
}
