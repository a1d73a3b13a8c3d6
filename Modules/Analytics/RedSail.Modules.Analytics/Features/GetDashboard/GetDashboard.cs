using RedSail.Modules.Analytics.Access;
using RedSail.Modules.Analytics.Contracts;
using RedSail.Modules.Analytics.Domain;
using RedSail.Modules.Analytics.Features.Statistics;

namespace RedSail.Modules.Analytics.Features.GetDashboard;

/// <summary>
/// The committee dashboard of an organisation subtree (default: the caller's scope) as of a month-end (default: today).
/// Everything is computed from the subtree roots' bucket counts (SubtreeCounts, flows included) and the subtree's honours: the cost grows with the
/// number of buckets and years, not with the number of people.
/// </summary>
internal sealed record GetDashboard(Guid? OrganizationId, DateOnly? AsOf) : IQuery<Dashboard>;

internal sealed record Dashboard(
    DateOnly AsOf, bool FromSnapshot, long Members, long FullMembers, long Probationary, long Applicants, long Branches,
    IReadOnlyList<BucketCount> Statuses, IReadOnlyList<BucketCount> Funnel, IReadOnlyList<PyramidBand> AgePyramid, IReadOnlyList<BucketCount> Genders,
    IReadOnlyList<BucketCount> Education, IReadOnlyList<BucketCount> Ethnicity, IReadOnlyList<BucketCount> PartyAge,
    IReadOnlyList<BucketCount> JoiningPeriods, IReadOnlyList<BucketCount> OrganizationTypes, IReadOnlyList<YearTrend> Trends,
    IReadOnlyList<HonourCount> Honours);

internal sealed record BucketCount(string Key, long Count);

internal sealed record PyramidBand(string Key, long Male, long Female, long Other);

/// <summary>One year: members who joined then and are still here, admissions, conversions and losses counted as they happened.</summary>
internal sealed record YearTrend(int Year, long JoinedStillMembers, long Admitted, long Converted, long Losses);

internal sealed record HonourCount(string Level, int Year, long Count);

internal sealed class GetDashboardHandler(AnalyticsDb db, RequestContext context, IClock clock) : IRequestHandler<GetDashboard, Dashboard>
{
    /// <summary>Years of the trend chart, ending with the as-of year.</summary>
    private const int TrendYears = 10;

    public async Task<Dashboard> Handle(GetDashboard q, CancellationToken cancellationToken)
    {
        var roots = await AnalyticsScope.RootsAsync(db, context, q.OrganizationId, cancellationToken);
        var counts = await SubtreeCounts.LoadAsync(db, roots, q.AsOf, clock.Today, cancellationToken);
        var asOf = counts.AsOf;
        var honours = (await db.QueryAsync<HonourRow>("""
            select h.level, extract(year from h.awarded_on)::int as year, count(*) as count
            from analytics.honour h join analytics.organization o on o.id = h.organization_id
            where not h.withdrawn and h.level is not null and h.awarded_on <= @asOf and o.path <@ any(select path from analytics.organization where id = any(@roots))
            group by h.level, 2 order by 2, 1
            """, new { roots, asOf }, cancellationToken)).Select(h => new HonourCount(h.Level, h.Year, h.Count)).ToList();
        var flows = counts.Of("flow").Select(f => (Kind: f.Key[..f.Key.LastIndexOf('|')], Year: int.Parse(f.Key[(f.Key.LastIndexOf('|') + 1)..]), f.Value)).ToList();

        var pyramid = Bands.Age.Select(b => new PyramidBand(b.Key, 0, 0, 0)).ToDictionary(b => b.Key);
        foreach (var (bucket, count) in counts.Of("gender_birth"))
        {
            var gender = bucket[..bucket.IndexOf('|')];
            if (Bands.BandOf(Bands.Age, Bands.YearsAt(bucket[(bucket.IndexOf('|') + 1)..], asOf)) is not { } band) continue;
            var row = pyramid[band];
            pyramid[band] = gender switch
            {
                "1" => row with { Male = row.Male + count },
                "2" => row with { Female = row.Female + count },
                _ => row with { Other = row.Other + count },
            };
        }
        var genders = counts.Of("gender_birth").GroupBy(g => g.Key[..g.Key.IndexOf('|')]).Select(g => new BucketCount(g.Key, g.Sum(x => x.Value)))
            .OrderBy(g => g.Key).ToList();
        var partyAge = counts.Of("converted").GroupBy(c => Bands.BandOf(Bands.PartyAge, Bands.YearsAt(c.Key, asOf)) ?? "none")
            .ToDictionary(g => g.Key, g => g.Sum(x => x.Value));
        var periods = counts.Of("joined").Where(j => j.Key != "none").GroupBy(j => Bands.PeriodOf(j.Key)).ToDictionary(g => g.Key, g => g.Sum(x => x.Value));
        var ethnicity = counts.Of("ethnicity");
        var joinedByYear = counts.Of("joined").Where(j => j.Key != "none").GroupBy(j => int.Parse(j.Key[..4])).ToDictionary(g => g.Key, g => g.Sum(x => x.Value));

        return new Dashboard(
            asOf, counts.FromSnapshot, counts.Members, counts.Count("status", "full_member"), counts.Count("status", "probationary"),
            counts.Count("status", "applicant") + counts.Count("status", "activist") + counts.Count("status", "candidate"),
            Bands.BranchTypes.Sum(t => counts.Count("org_type", t)),
            Sorted(counts.Of("status")),
            Bands.FunnelStages.Select(s => new BucketCount(s, counts.Count("status", s))).ToList(),
            Bands.Age.Select(b => pyramid[b.Key]).ToList(),
            genders,
            Bands.EducationGroups.Select(e => new BucketCount(e, counts.Count("education", e))).Where(e => e.Key != "none" || e.Count > 0).ToList(),
            [new BucketCount("han", ethnicity.GetValueOrDefault("01")), new BucketCount("minority", ethnicity.Where(e => e.Key != "01").Sum(e => e.Value))],
            Bands.PartyAge.Select(b => b.Key).Append("none").Select(k => new BucketCount(k, partyAge.GetValueOrDefault(k))).ToList(),
            Bands.JoiningPeriod.Select(p => new BucketCount(p.Key, periods.GetValueOrDefault(p.Key))).ToList(),
            Sorted(counts.Of("org_type")),
            Enumerable.Range(asOf.Year - TrendYears + 1, TrendYears).Select(y => new YearTrend(y, joinedByYear.GetValueOrDefault(y),
                Flow(flows, "admitted", y), Flow(flows, "converted", y), flows.Where(f => f.Year == y && f.Kind.StartsWith("loss:")).Sum(f => f.Value))).ToList(),
            honours);
    }

    private static List<BucketCount> Sorted(IReadOnlyDictionary<string, long> buckets) =>
        buckets.Where(b => b.Value != 0).OrderBy(b => b.Key).Select(b => new BucketCount(b.Key, b.Value)).ToList();

    private static long Flow(IEnumerable<(string Kind, int Year, long Value)> flows, string kind, int year) =>
        flows.Where(f => f.Kind == kind && f.Year == year).Sum(f => f.Value);

    private sealed class HonourRow
    {
        public string Level { get; init; } = "";
        public int Year { get; init; }
        public long Count { get; init; }
    }
}

internal static class GetDashboardEndpoint
{
    public static void MapGetDashboard(this IEndpointRouteBuilder api) =>
        api.MapGet("/dashboard", (Guid? organizationId, DateOnly? asOf, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetDashboard(organizationId, asOf), ct))
            .WithName("GetAnalyticsDashboard").WithSummary("党委驾驶舱：组织子树在某月末的结构（年龄、学历、党龄、入党时期）、状态、发展漏斗、年度趋势、荣誉")
            .RequirePermission(AnalyticsPermissions.Read);
}
