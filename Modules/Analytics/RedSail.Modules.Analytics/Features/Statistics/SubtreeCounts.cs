namespace RedSail.Modules.Analytics.Features.Statistics;

/// <summary>
/// The counts of a set of subtree roots (AnalyticsScope.RootsAsync), read from their closure rows plus the deltas not yet
/// folded into them (<c>member_count_now</c>): one row per (dimension, bucket) whatever the number of people. As of a past
/// month-end the month's snapshot is read if it was taken.
/// </summary>
internal sealed class SubtreeCounts
{
    private readonly Dictionary<string, Dictionary<string, long>> _byDimension;

    private SubtreeCounts(IEnumerable<CountRow> rows, DateOnly asOf, bool fromSnapshot)
    {
        _byDimension = rows.GroupBy(r => r.Dimension).ToDictionary(g => g.Key, g => g.ToDictionary(r => r.Bucket, r => r.Count));
        AsOf = asOf;
        FromSnapshot = fromSnapshot;
    }

    /// <summary>The month-end the ages and party ages are counted at (today for the current month).</summary>
    public DateOnly AsOf { get; }

    public bool FromSnapshot { get; }

    public IReadOnlyDictionary<string, long> Of(string dimension) =>
        _byDimension.TryGetValue(dimension, out var buckets) ? buckets : new Dictionary<string, long>();

    public long Count(string dimension, string bucket) => Of(dimension).GetValueOrDefault(bucket);

    public long Members => Count("status", "probationary") + Count("status", "full_member");

    public static async Task<SubtreeCounts> LoadAsync(AnalyticsDb db, Guid[] roots, DateOnly? asOf, DateOnly today, CancellationToken ct)
    {
        var at = asOf is { } a && a < today ? a : today;
        var month = new DateOnly(at.Year, at.Month, 1);
        if (month < new DateOnly(today.Year, today.Month, 1))
        {
            var snapshot = await db.QueryAsync<CountRow>("""
                select dimension, bucket, sum(count)::bigint as count from analytics.member_count_month
                where month = @month and organization_id = any(@roots) group by dimension, bucket
                """, new { month, roots }, ct);
            if (snapshot.Count > 0) return new SubtreeCounts(snapshot, month.AddMonths(1).AddDays(-1), fromSnapshot: true);
        }
        var live = await db.QueryAsync<CountRow>("""
            select dimension, bucket, sum(count)::bigint as count from analytics.member_count_now
            where organization_id = any(@roots) group by dimension, bucket
            """, new { roots }, ct);
        return new SubtreeCounts(live, at, fromSnapshot: false);
    }

    private sealed class CountRow
    {
        public string Dimension { get; init; } = "";
        public string Bucket { get; init; } = "";
        public long Count { get; init; }
    }
}
