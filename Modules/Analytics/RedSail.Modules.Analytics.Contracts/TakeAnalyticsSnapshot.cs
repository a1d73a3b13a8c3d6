using RedSail.BuildingBlocks.Mediation;

namespace RedSail.Modules.Analytics.Contracts;

/// <summary>
/// Keeps the current counts as the figures of a month-end (<see cref="Month"/>'s first day; default the current month), so
/// that the dashboard "as of" that month shows them later. Sent by the scheduler on every month's last evening and on demand;
/// taking a month again replaces it. Returns the number of rows kept.
/// </summary>
public sealed record TakeAnalyticsSnapshot(DateOnly? Month = null) : ICommand<long>
{
    public string AuditAction => "analytics.snapshot";
}
