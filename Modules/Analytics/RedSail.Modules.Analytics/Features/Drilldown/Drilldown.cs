using Dapper;
using RedSail.Modules.Analytics.Access;
using RedSail.Modules.Analytics.Contracts;
using RedSail.Modules.Analytics.Domain;

namespace RedSail.Modules.Analytics.Features.Drilldown;

/// <summary>
/// The people behind one bucket of a dashboard chart, in the caller's scope (or a subtree of it), paged: name, organisation
/// and the bucket's value only — no ID numbers, phones or other sensitive fields (Analytics never receives them). Ages and
/// party ages are as of the end of <see cref="AsOf"/>'s month, like the dashboard's. The people are today's facts.
/// </summary>
internal sealed record Drilldown(string Metric, string Bucket, Guid? OrganizationId, DateOnly? AsOf, string? Gender, int Page = 1, int PageSize = 20)
    : IQuery<Paged<DrilldownPerson>>;

internal sealed record DrilldownPerson(Guid PersonId, string Name, Guid OrganizationId, string OrganizationName, string Value);

internal sealed class DrilldownValidator : IValidator<Drilldown>
{
    public void Validate(Drilldown q, ValidationErrors errors)
    {
        if (!DrilldownFilter.Metrics.Contains(q.Metric)) errors.Add("metric", "analytics.unknown_metric", q.Metric);
        else if (DrilldownFilter.Condition(q.Metric, q.Bucket, q.AsOf ?? DateOnly.MinValue, new DynamicParameters()) is null)
            errors.Add("bucket", "analytics.unknown_bucket", q.Bucket);
    }
}

internal sealed class DrilldownHandler(AnalyticsDb db, RequestContext context, IClock clock) : IRequestHandler<Drilldown, Paged<DrilldownPerson>>
{
    public async Task<Paged<DrilldownPerson>> Handle(Drilldown q, CancellationToken cancellationToken)
    {
        var roots = await AnalyticsScope.RootsAsync(db, context, q.OrganizationId, cancellationToken);
        var asOf = q.AsOf is { } a && a < clock.Today ? a : clock.Today;
        var paging = Paging.Of(q.Page, q.PageSize);
        var parameters = new DynamicParameters(new { roots, gender = q.Gender, paging.Limit, paging.Offset });
        var condition = DrilldownFilter.Condition(q.Metric, q.Bucket, asOf, parameters)!;
        var from = $"""
            from analytics.member m join analytics.organization o on o.id = m.organization_id
            where not m.removed and m.relation <> 'transferred_out' and m.party_status is not null
              and {AnalyticsScope.Within("o")} and ({condition}) and (@gender::text is null or m.gender = @gender)
            """;
        using var grid = await db.QueryMultipleAsync($"""
            select count(*) {from};
            select m.person_id, m.name, m.organization_id, o.name as organization_name, {DrilldownFilter.Value(q.Metric)} as value
            {from} order by o.path, m.name collate "zh-x-icu", m.person_id limit @Limit offset @Offset;
            """, parameters, cancellationToken);
        var total = await grid.ReadSingleAsync<long>();
        var rows = (await grid.ReadAsync<Row>()).ToList();
        return new Paged<DrilldownPerson>(rows.Select(r => new DrilldownPerson(r.PersonId, r.Name ?? "", r.OrganizationId, r.OrganizationName,
            q.Metric is "age" or "partyAge" or "youngTrait" or "youngCare" && DateOnly.TryParse(r.Value, out var d) ? (asOf.Year - d.Year - (d.Month > asOf.Month ? 1 : 0)).ToString() : r.Value ?? "")).ToList(),
            total, paging.Page, paging.PageSize);
    }

    private sealed class Row
    {
        public Guid PersonId { get; init; }
        public string? Name { get; init; }
        public Guid OrganizationId { get; init; }
        public string OrganizationName { get; init; } = "";
        public string? Value { get; init; }
    }
}

/// <summary>The SQL condition on a member row (alias m) for each bucket of the dashboard, the same bucketing as the counts.</summary>
internal static class DrilldownFilter
{
    public static readonly IReadOnlySet<string> Metrics = new HashSet<string>
    {
        "status", "gender", "age", "education", "ethnicity", "partyAge", "joiningPeriod",
        "occupation", "titleLevel", "youngTrait", "youngCare", "massOrg", "unitedFront", "democraticParty",
    };

    private const string IsMember = "m.party_status in ('probationary', 'full_member')";

    /// <summary>Null for an unknown bucket; adds the bucket's bounds to <paramref name="parameters"/>.</summary>
    public static string? Condition(string metric, string bucket, DateOnly asOf, DynamicParameters parameters)
    {
        parameters.Add("bucket", bucket);
        switch (metric)
        {
            case "status":
                return "m.party_status = @bucket";
            case "gender":
                return $"{IsMember} and m.gender = @bucket";
            case "education":
                return bucket == "none" ? $"{IsMember} and m.education is null" : Bands.EducationGroups.Contains(bucket) ? $"{IsMember} and left(m.education, 1) || '0' = @bucket" : null;
            case "ethnicity":
                return bucket switch { "han" => $"{IsMember} and m.ethnicity = '01'", "minority" => $"{IsMember} and m.ethnicity <> '01'", _ => null };
            case "age" or "partyAge":
                if (metric == "partyAge" && bucket == "none") return $"{IsMember} and m.converted_on is null";
                var band = (metric == "age" ? Bands.Age : Bands.PartyAge).FirstOrDefault(b => b.Key == bucket);
                if (band.Key is null) return null;
                var (start, end) = Bands.DateRange(band.From, band.To, asOf == DateOnly.MinValue ? new DateOnly(2000, 1, 1) : asOf);
                parameters.Add("start", start);
                parameters.Add("end", end);
                var column = metric == "age" ? "m.birth_date" : "m.converted_on";
                return $"{IsMember} and {column} >= @start and {column} < @end";
            case "joiningPeriod":
                var period = Bands.JoiningPeriod.FirstOrDefault(p => p.Key == bucket);
                if (period.Key is null) return null;
                parameters.Add("fromMonth", period.FromMonth);
                parameters.Add("toMonth", period.ToMonth);
                return $"{IsMember} and to_char(m.joined_on, 'YYYY-MM') between @fromMonth and @toMonth";
            default:
                return PeopleDrilldownFilter.Condition(metric, bucket, asOf, parameters);
        }
    }

    /// <summary>The value shown beside each person: the date or code the bucket was decided on.</summary>
    public static string Value(string metric) => metric switch
    {
        "status" => "m.party_status",
        "gender" => "m.gender",
        "age" => "m.birth_date::text",
        "education" => "m.education",
        "ethnicity" => "m.ethnicity",
        "partyAge" => "m.converted_on::text",
        "joiningPeriod" => "m.joined_on::text",
        _ => PeopleDrilldownFilter.Value(metric),
    };
}

internal static class DrilldownEndpoint
{
    public static void MapDrilldown(this IEndpointRouteBuilder api) =>
        api.MapGet("/drilldown", (string? metric, string? bucket, Guid? organizationId, DateOnly? asOf, string? gender, int? page, int? pageSize,
                IMediator mediator, CancellationToken ct) =>
                mediator.Send(new Drilldown(metric ?? "", bucket ?? "", organizationId, asOf, gender, page ?? 1, pageSize ?? 20), ct))
            .WithName("AnalyticsDrilldown").WithSummary("钻取：图表某一项背后的人员名单（姓名、组织、该项取值），按调用者范围，分页")
            .RequirePermission(AnalyticsPermissions.Read);
}
