using RedSail.BuildingBlocks.Events;

namespace RedSail.Modules.Workflow.Contracts;

/// <summary>
/// Quarterly supervision judged every branch for <see cref="Quarter"/> (e.g. <c>2026Q3</c>) and stored the scorecards;
/// the counts are branches by grade. Sent once per quarter.
/// </summary>
public sealed record QuarterlySupervisionCompleted(string Quarter, int Branches, int Green, int Yellow, int Red) : IntegrationEvent;
