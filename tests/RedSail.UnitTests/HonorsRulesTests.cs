using NUnit.Framework;
using RedSail.BuildingBlocks.Validation;
using RedSail.Modules.Honors.Domain;
using RedSail.Modules.Honors.Features.ProposeHonour;

namespace RedSail.UnitTests;

/// <summary>Honour levels and types, party age for 光荣在党50年, and representatives' bodies and levels.</summary>
public sealed class HonorsRulesTests
{
    [TestCase("national", "ministerial_provincial", true)]
    [TestCase("ministerial_provincial", "ministerial_provincial", true)]
    [TestCase("bureau", "ministerial_provincial", false)]
    [TestCase("institute", "bureau", false)]
    [TestCase("institute", "institute", true)]
    [TestCase("galactic", "institute", false)]
    public void Levels_rank_national_over_ministerial_over_bureau_over_institute(string level, string minimum, bool atLeast) =>
        Assert.That(HonourLevels.AtLeast(level, minimum), Is.EqualTo(atLeast));

    [Test]
    public void The_levels_at_ministerial_or_higher_are_national_and_ministerial() =>
        Assert.That(HonourLevels.AtLeast(HonourLevels.MinisterialProvincial), Is.EqualTo(new[] { "national", "ministerial_provincial" }));

    // Party age counts from conversion: converted on 1 July 1976 → 50 years on 1 July 2026, the presentation day itself.
    [TestCase("1976-07-01", null, 2026, true)]
    [TestCase("1976-07-02", null, 2026, false)]
    [TestCase("1976-07-02", null, 2027, true)]
    [TestCase("1975-12-31", null, 2025, false)]
    [TestCase("1975-12-31", null, 2026, true)]
    // Without a conversion date: admission plus the year of probation.
    [TestCase(null, "1975-07-01", 2026, true)]
    [TestCase(null, "1975-07-02", 2026, false)]
    // The conversion date wins over admission when both are known (admitted early, converted late).
    [TestCase("1977-03-01", "1975-01-01", 2026, false)]
    [TestCase(null, null, 2026, false)]
    public void Fifty_years_of_party_age_are_reached_on_or_before_the_first_of_July(string? converted, string? joined, int year, bool candidate) =>
        Assert.That(PartyAge.ReachesFiftyYearsBy(year, Date(converted), Date(joined)), Is.EqualTo(candidate));

    [Test]
    public void A_leap_day_conversion_reaches_fifty_years_on_the_28th_of_February() =>
        Assert.That(PartyAge.StartsOn(new DateOnly(1976, 2, 29), null)!.Value.AddYears(50), Is.EqualTo(new DateOnly(2026, 2, 28)));

    [Test]
    public void The_sql_filter_date_never_leaves_out_a_candidate()
    {
        var latest = PartyAge.LatestPossibleDate(2026);
        Assert.That(latest, Is.EqualTo(new DateOnly(1976, 7, 1)));
        Assert.That(PartyAge.ReachesFiftyYearsBy(2026, latest, null), Is.True);
        Assert.That(PartyAge.ReachesFiftyYearsBy(2026, latest.AddDays(1), null), Is.False);
    }

    [TestCase("advanced_organization", true, false)]
    [TestCase("advanced_organization", false, true)]
    [TestCase("outstanding_member", true, true)]
    [TestCase("outstanding_member", false, false)]
    [TestCase("honorary_title", false, true)]
    [TestCase("honorary_title", true, true)]
    public void Each_type_goes_to_people_organisations_or_both(string code, bool person, bool allowed) =>
        Assert.That(HonourTypes.Allows(HonourTypes.Find(code)!, person), Is.EqualTo(allowed));

    [Test]
    public void A_proposal_names_a_holder_a_known_type_and_level_and_a_date_not_in_the_future()
    {
        var errors = new ValidationErrors();
        new ProposeHonourValidator(new FixedClock(new DateOnly(2026, 6, 1)))
            .Validate(new ProposeHonour(null, null, "medal", "galactic", "", "院党委", new DateOnly(2026, 6, 2), null), errors);
        Assert.That(errors.All.Select(e => (e.Field, e.MessageKey)), Is.EquivalentTo(new[]
        {
            ("personId", "honors.holder_required"), ("honourType", "validation.invalid"), ("honourLevel", "validation.invalid"),
            ("title", "validation.required"), ("awardedOn", "honors.date_in_future"),
        }));
    }

    [TestCase("peoples_congress", "township", true)]
    [TestCase("party_congress", "township", false)]
    [TestCase("cppcc", "county", true)]
    [TestCase("cppcc", "national", true)]
    [TestCase("party_congress", "bureau", false)]
    [TestCase("union", "national", false)]
    public void Representatives_serve_in_bodies_of_their_levels(string kind, string level, bool valid) =>
        Assert.That(RepresentativeKinds.IsValid(kind, level), Is.EqualTo(valid));

    private sealed class FixedClock(DateOnly today) : RedSail.BuildingBlocks.IClock
    {
        public DateTimeOffset UtcNow => new(today.ToDateTime(new TimeOnly(4, 0)), TimeSpan.Zero);
        public DateOnly Today => today;
        public TimeZoneInfo Zone => TimeZoneInfo.Utc; // Today is UtcNow's date
    }

    private static DateOnly? Date(string? value) => value is null ? null : DateOnly.Parse(value);
}
