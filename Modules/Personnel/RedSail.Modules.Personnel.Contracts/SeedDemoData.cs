using RedSail.BuildingBlocks.Mediation;

namespace RedSail.Modules.Personnel.Contracts;

/// <summary>
/// Fills an empty Personnel schema with the demo institute (the <c>seed demo</c> verb, and the embedded
/// default's first start). Does nothing when organisations already exist. Returns the number of people added.
/// </summary>
public sealed record SeedDemoData(int Seed = 20190701) : ICommand<int>
{
    public string AuditAction => "personnel.seed_demo";
}
