using Dapper;
using RedSail.Modules.Analytics.Domain;

namespace RedSail.Modules.Analytics.Features.Drilldown;

/// <summary>
/// The drill-down conditions of the people-composition charts (GetPeopleComposition), the same bucketing as
/// <c>analytics.person_buckets</c>: occupation and title level of party members; traits and care requests of young
/// employees (everyone on the register aged ≤ 35 at the month-end); mass-organisation and united-front memberships.
/// </summary>
internal static class PeopleDrilldownFilter
{
    private const string IsMember = "m.party_status in ('probationary', 'full_member')";

    public static string? Condition(string metric, string bucket, DateOnly asOf, DynamicParameters parameters)
    {
        switch (metric)
        {
            case "occupation" when PeopleBands.Occupations.Contains(bucket):
                return $"{IsMember} and coalesce(m.occupation, 'none') = @bucket";
            case "titleLevel" when PeopleBands.TitleLevels.Contains(bucket):
                return $"{IsMember} and coalesce(m.title_level, 'none') = @bucket";
            case "youngTrait" when PeopleBands.Traits.Contains(bucket):
                return Young(asOf, parameters) + " and @bucket = any(m.traits)";
            case "youngCare" when PeopleBands.IsCareBucket(bucket):
                // A category alone (all its requests) or category|status.
                return Young(asOf, parameters) + " and exists (select 1 from unnest(m.care) c where c = @bucket or starts_with(c, @bucket || '|'))";
            case "massOrg" when PeopleBands.IsMassOrganizationBucket(bucket):
                // An organisation alone (all its members) or organisation|post.
                return "exists (select 1 from unnest(m.mass_orgs) x where x = @bucket or starts_with(x, @bucket || '|'))";
            case "unitedFront" when bucket.Length is > 0 and <= 16:
                return "split_part(m.united_front, '|', 1) = @bucket";
            case "democraticParty" when bucket.Length is > 0 and <= 16:
                return "split_part(m.united_front, '|', 2) = @bucket";
            default:
                return null;
        }
    }

    /// <summary>Born within 35 completed years of the end of asOf's month.</summary>
    private static string Young(DateOnly asOf, DynamicParameters parameters)
    {
        parameters.Add("youngFrom", Bands.DateRange(0, PeopleBands.YoungAge, asOf == DateOnly.MinValue ? new DateOnly(2000, 1, 1) : asOf).Start);
        return "m.birth_date >= @youngFrom";
    }

    public static string Value(string metric) => metric switch
    {
        "occupation" => "coalesce(m.occupation, 'none')",
        "titleLevel" => "coalesce(m.title_level, 'none')",
        "youngTrait" or "youngCare" => "m.birth_date::text",
        "massOrg" => "(select split_part(x, '|', 2) from unnest(m.mass_orgs) x where x = @bucket or starts_with(x, @bucket || '|') limit 1)",
        _ => "m.united_front",
    };
}
