using NUnit.Framework;

namespace RedSail.ApiTests;

/// <summary>The demo's honour library and representatives, and what the portal's honour wall and the statistics make of them.</summary>
public sealed class HonorsDemoTests : DemoInstituteTests
{
    [OneTimeSetUp]
    public Task SeedHonours() => Demo.SeedHonorsAsync(Host);

    [Test]
    public async Task The_demo_holds_five_years_of_commendations_two_advanced_branches_the_queue_and_three_representatives()
    {
        var year = DateTime.Today.Year;
        Assert.Multiple(async () =>
        {
            Assert.That(await Host.ScalarAsync<long>(
                "select count(*) from honors.honour where type in ('outstanding_member', 'outstanding_party_worker') and status = 'approved'"), Is.EqualTo(20L));
            Assert.That(await Host.ScalarAsync<long>("select count(distinct extract(year from awarded_on)) from honors.honour where type = 'outstanding_member'"),
                Is.EqualTo(6L), "five years approved, and this year's proposals");
            Assert.That(await Host.ScalarAsync<long>("select count(*) from honors.honour where type = 'advanced_organization' and person_id is null"), Is.EqualTo(2L));
            Assert.That(await Host.ScalarAsync<long>("select count(*) from honors.honour where type = 'fifty_years_in_party' and status = 'approved'"), Is.EqualTo(2L));
            Assert.That(await Host.ScalarAsync<string>("select string_agg(status, ',' order by status) from honors.honour where status in ('pending', 'rejected')"),
                Is.EqualTo("pending,rejected"));
            Assert.That(await Host.ScalarAsync<string>("select rejection_reason from honors.honour where status = 'rejected'"), Is.Not.Empty);
            Assert.That(await Host.ScalarAsync<long>("select count(*) from honors.representative where status = 'serving'"), Is.EqualTo(3L));
            Assert.That(await Host.ScalarAsync<long>("select count(*) from honors.outbox where event_type = 'HonourApproved'"),
                Is.EqualTo(await Host.ScalarAsync<long>("select count(*) from honors.honour where status = 'approved'")));
            Assert.That(await Host.ScalarAsync<long>("select count(*) from honors.honour where awarded_on > current_date"), Is.Zero);
        });

        var reminder = await Problems.JsonAsync(await Committee.GetAsync("/api/honors/representatives/ending?days=60"));
        Assert.That(reminder.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("representativeKind").GetString()), Is.EqualTo(new[] { "party_congress" }));
        var statistics = await Problems.JsonAsync(await Committee.GetAsync($"/api/honors/statistics?fromYear={year - 5}&toYear={year}"));
        Assert.That(statistics.GetProperty("counts").EnumerateArray().Sum(c => c.GetProperty("count").GetInt32()),
            Is.EqualTo(await Host.ScalarAsync<long>("select count(*) from honors.honour where status = 'approved' and awarded_on >= make_date(@y, 1, 1)",
                ("y", year - 5))));
        // A second seeding adds nothing.
        Assert.That(await Host.SendAsync(new RedSail.Modules.Honors.Contracts.SeedHonorsDemoData()), Is.Zero);
    }

    [Test]
    public async Task The_wall_shows_recent_honours_at_ministerial_level_or_higher_and_the_serving_representatives()
    {
        var wall = await Problems.JsonAsync(await Committee.GetAsync("/api/honors/wall?limit=12"));
        var items = wall.GetProperty("items").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(items.Count(i => i.GetProperty("kind").GetString() == "representative"), Is.EqualTo(3));
            var honours = items.Where(i => i.GetProperty("kind").GetString() == "honour").ToList();
            Assert.That(honours.Select(h => h.GetProperty("level").GetString()), Is.All.AnyOf("national", "ministerial_provincial"));
            Assert.That(honours, Has.Count.EqualTo(3), "the province's commendation and the two 光荣在党50年 medals");
            Assert.That(items.Select(i => i.GetProperty("date").GetString()), Is.Ordered.Descending);
            Assert.That(items.All(i => i.TryGetProperty("holderName", out _) && i.TryGetProperty("organizationName", out _) && i.TryGetProperty("hasCertificate", out _)));
        });
        var two = await Problems.JsonAsync(await Committee.GetAsync("/api/honors/wall?limit=2"));
        Assert.That(two.GetProperty("items").GetArrayLength(), Is.EqualTo(2));
    }
}
