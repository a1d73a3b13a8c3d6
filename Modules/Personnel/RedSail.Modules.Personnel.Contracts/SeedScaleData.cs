using RedSail.BuildingBlocks.Mediation;

namespace RedSail.Modules.Personnel.Contracts;

/// <summary>
/// Fills an empty Personnel schema with a large synthetic tree (about People/17 organisations over six levels)
/// and <paramref name="People"/> people, for benchmarks (the <c>seed --scale N</c> verb). Does nothing when
/// organisations already exist. Scale data is not propagated to other modules' read models (no events).
/// The data follows from <paramref name="Seed"/> and the date the people's dates count back from (<paramref name="Today"/>,
/// default the institution's today): a benchmark that generates more people of the same sequence passes both.
/// </summary>
public sealed record SeedScaleData(int People, int Seed = 20190701, DateOnly? Today = null) : ICommand<SeedScaleResult>
{
    public string AuditAction => "personnel.seed_scale";
}

/// <summary>What <see cref="SeedScaleData"/> wrote and how long each phase took (zero counts: nothing written).</summary>
public sealed record SeedScaleResult(int Organizations, int People, TimeSpan Generation, TimeSpan Encryption, TimeSpan Copy, TimeSpan Changes)
{
    public TimeSpan Total => Generation + Encryption + Copy + Changes;
    public double RowsPerSecond => Total.TotalSeconds > 0 ? (Organizations + People) / Total.TotalSeconds : 0;
}
