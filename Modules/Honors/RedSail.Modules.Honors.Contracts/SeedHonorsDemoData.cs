using RedSail.BuildingBlocks.Mediation;

namespace RedSail.Modules.Honors.Contracts;

/// <summary>
/// Fills Honors with the demo institute's share of data over the organisations and people its read model already holds
/// (send it after Personnel's demo events were delivered). Does nothing when the demo was seeded before. Returns the
/// number of rows added.
/// </summary>
public sealed record SeedHonorsDemoData(int Seed = 20190701) : ICommand<int>
{
    public string AuditAction => "honors.seed_demo";
}
