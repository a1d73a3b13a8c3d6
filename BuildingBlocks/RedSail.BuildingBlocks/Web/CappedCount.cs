namespace RedSail.BuildingBlocks.Web;

/// <summary>
/// A list's total counted only up to a cap: beyond <see cref="Cap"/> matches the total says "at least that many" (the page's
/// <c>TotalCapped</c>) instead of counting them all. Counting stops after Cap + 1 matches, a few milliseconds even across a
/// million rows, where an exact count over a national subtree costs hundreds of milliseconds per page on two cores
/// (docs/benchmarks.md). Fifty pages of twenty is more than anyone reads; they narrow the filter.
/// </summary>
public sealed record CappedCount(int Cap)
{
    /// <summary>The count of the rows of <paramref name="fromWhere"/> (a <c>from … where …</c> clause), stopping after Cap + 1.</summary>
    public string Sql(string fromWhere) => $"select count(*) from (select 1 {fromWhere} limit {Cap + 1}) counted";

    /// <summary>The total to show for what <see cref="Sql"/> counted, and whether it is capped (more match).</summary>
    public CappedTotal Of(long counted) => new(Math.Min(counted, Cap), counted > Cap);
}

/// <summary>A total that is exact unless <see cref="Capped"/>, when at least that many match.</summary>
public readonly record struct CappedTotal(long Total, bool Capped);
