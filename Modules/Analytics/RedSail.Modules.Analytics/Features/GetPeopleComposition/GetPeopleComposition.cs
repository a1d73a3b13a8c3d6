using RedSail.Modules.Analytics.Access;
using RedSail.Modules.Analytics.Contracts;
using RedSail.Modules.Analytics.Domain;
using RedSail.Modules.Analytics.Features.GetDashboard;
using RedSail.Modules.Analytics.Features.Statistics;

namespace RedSail.Modules.Analytics.Features.GetPeopleComposition;

/// <summary>
/// The people side of the committee dashboard for a subtree as of a month-end: party members by occupation and title level,
/// young employees' traits and care requests (诉求), mass-organisation and united-front composition. Read from the subtree
/// roots' bucket counts like the dashboard (SubtreeCounts): one row per bucket, whatever the number of people.
/// </summary>
internal sealed record GetPeopleComposition(Guid? OrganizationId, DateOnly? AsOf) : IQuery<PeopleComposition>;

internal sealed record PeopleComposition(
    DateOnly AsOf, bool FromSnapshot, long Members, IReadOnlyList<BucketCount> Occupations, IReadOnlyList<BucketCount> TitleLevels,
    YoungEmployees Young, IReadOnlyList<MassOrganization> MassOrganizations, IReadOnlyList<BucketCount> UnitedFront,
    IReadOnlyList<BucketCount> DemocraticParties);

/// <summary>Everyone on the register aged ≤ 35; how many filled in each trait; their care requests by category and status.</summary>
internal sealed record YoungEmployees(long People, IReadOnlyList<BucketCount> Traits, IReadOnlyList<CareRequests> Requests);

internal sealed record CareRequests(string Category, long Open, long Answered, long Closed);

/// <summary>A mass organisation's members in the subtree, by their post in it ("none": no post given).</summary>
internal sealed record MassOrganization(Guid OrganizationId, string Name, string Type, long Members, IReadOnlyList<BucketCount> Posts);

internal sealed class GetPeopleCompositionHandler(AnalyticsDb db, RequestContext context, IClock clock) : IRequestHandler<GetPeopleComposition, PeopleComposition>
{
    public async Task<PeopleComposition> Handle(GetPeopleComposition q, CancellationToken cancellationToken)
    {
        var roots = await AnalyticsScope.RootsAsync(db, context, q.OrganizationId, cancellationToken);
        var counts = await SubtreeCounts.LoadAsync(db, roots, q.AsOf, clock.Today, cancellationToken);
        var asOf = counts.AsOf;

        static string Before(string bucket) => bucket[..bucket.LastIndexOf('|')];
        static string After(string bucket) => bucket[(bucket.LastIndexOf('|') + 1)..];
        var traits = counts.Of("trait").Where(t => PeopleBands.IsYoung(After(t.Key), asOf)).GroupBy(t => Before(t.Key))
            .ToDictionary(g => g.Key, g => g.Sum(x => x.Value));
        var care = counts.Of("care").Where(c => PeopleBands.IsYoung(After(c.Key), asOf)).GroupBy(c => Before(c.Key))
            .ToDictionary(g => g.Key, g => g.Sum(x => x.Value));
        var requests = care.Keys.Select(k => k.Split('|')[0]).Distinct().Order(StringComparer.Ordinal)
            .Select(category => new CareRequests(category, care.GetValueOrDefault(category + "|open"), care.GetValueOrDefault(category + "|answered"),
                care.GetValueOrDefault(category + "|closed")))
            .ToList();

        var memberships = counts.Of("mass_org").Where(m => m.Value != 0)
            .Select(m => (Organization: Guid.Parse(m.Key[..m.Key.IndexOf('|')]), Post: m.Key[(m.Key.IndexOf('|') + 1)..], Count: m.Value)).ToList();
        var names = (await db.QueryAsync<OrganizationName>("select id, name, type from analytics.organization where id = any(@ids)",
            new { ids = memberships.Select(m => m.Organization).Distinct().ToArray() }, cancellationToken)).ToDictionary(o => o.Id);
        var massOrganizations = memberships.GroupBy(m => m.Organization)
            .Select(g => new MassOrganization(g.Key, names.GetValueOrDefault(g.Key)?.Name ?? "", names.GetValueOrDefault(g.Key)?.Type ?? "", g.Sum(m => m.Count),
                g.OrderByDescending(m => m.Count).ThenBy(m => m.Post, StringComparer.Ordinal).Select(m => new BucketCount(m.Post, m.Count)).ToList()))
            .OrderBy(o => o.Name, StringComparer.Ordinal).ToList();

        var unitedFront = counts.Of("united_front").Where(u => u.Value != 0).ToList();
        return new PeopleComposition(
            asOf, counts.FromSnapshot, counts.Members,
            PeopleBands.Occupations.Select(o => new BucketCount(o, counts.Count("occupation", o))).Where(o => o.Key != "none" || o.Count > 0).ToList(),
            PeopleBands.TitleLevels.Select(l => new BucketCount(l, counts.Count("title_level", l))).Where(l => l.Key != "none" || l.Count > 0).ToList(),
            new YoungEmployees(counts.Of("birth").Where(b => PeopleBands.IsYoung(b.Key, asOf)).Sum(b => b.Value),
                PeopleBands.Traits.Select(t => new BucketCount(t, traits.GetValueOrDefault(t))).ToList(), requests),
            massOrganizations,
            unitedFront.GroupBy(u => Before(u.Key)).Select(g => new BucketCount(g.Key, g.Sum(x => x.Value))).OrderBy(b => b.Key, StringComparer.Ordinal).ToList(),
            unitedFront.Where(u => After(u.Key) != "none").GroupBy(u => After(u.Key)).Select(g => new BucketCount(g.Key, g.Sum(x => x.Value)))
                .OrderBy(b => b.Key, StringComparer.Ordinal).ToList());
    }

    private sealed class OrganizationName
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string Type { get; init; } = "";
    }
}

internal static class GetPeopleCompositionEndpoint
{
    public static void MapGetPeopleComposition(this IEndpointRouteBuilder api) =>
        api.MapGet("/dashboard/people", (Guid? organizationId, DateOnly? asOf, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetPeopleComposition(organizationId, asOf), ct))
            .WithName("GetAnalyticsPeopleComposition").WithSummary("队伍结构：党员职业与职称、青年职工特长与诉求、群团组织与统一战线构成（组织子树、某月末）")
            .RequirePermission(AnalyticsPermissions.Read);
}
