using System.Net;
using System.Text.Json;
using NUnit.Framework;
using RedSail.Modules.Analytics.Contracts;
using RedSail.Platform.Access;
using RedSail.Testing;

namespace RedSail.ApiTests;

/// <summary>
/// The committee dashboard over HTTP against the demo institute: every figure equals a count computed independently from
/// Personnel's tables (the test's owner connection), a branch secretary sees only their subtree, drill-downs list the people
/// behind a number, and a rebuild from the event log gives the same counts.
/// </summary>
public sealed class AnalyticsTests : DemoInstituteTests
{
    // Ages and party ages are completed years at the end of the current month, as the dashboard counts them.
    private const string MonthEnd = "(date_trunc('month', (now() at time zone 'Asia/Shanghai')::date) + interval '1 month - 1 day')::date";
    private const string Members = "p.party_status in ('probationary', 'full_member') and p.relation <> 'transferred_out'";

    [OneTimeSetUp]
    public async Task WaitForAnalytics()
    {
        var caughtUp = await Eventually.HoldsAsync(async () => await Host.ScalarAsync<bool>("""
            select (select count(*) from analytics.organization) = (select count(*) from personnel.organization)
               and (select count(*) from analytics.member) = (select count(*) from personnel.person)
               and (select count(*) from personnel.outbox_delivery where delivered_at is null) = 0
            """), 90000);
        Assert.That(caughtUp, Is.True, "Analytics received the demo's events; " + await Host.ScalarAsync<string>(
            "select string_agg(distinct subscriber || ': ' || last_error, '; ') from personnel.outbox_delivery where delivered_at is null"));
    }

    private async Task<Dictionary<string, long>> ExpectedAsync(string bucketSql, string where = Members, Guid? under = null)
    {
        await using var connection = new Npgsql.NpgsqlConnection(Host.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand($"""
            select ({bucketSql})::text, count(*) from personnel.person p join personnel.organization o on o.id = p.organization_id
            where {where} and (@under::uuid is null or o.path <@ (select path from personnel.organization where id = @under))
            group by 1
            """, connection);
        command.Parameters.AddWithValue("under", NpgsqlTypes.NpgsqlDbType.Uuid, (object?)under ?? DBNull.Value);
        var result = new Dictionary<string, long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) result[reader.IsDBNull(0) ? "null" : reader.GetString(0)] = reader.GetInt64(1);
        return result;
    }

    private static Dictionary<string, long> Buckets(JsonElement dashboard, string chart) =>
        dashboard.GetProperty(chart).EnumerateArray().Where(b => b.GetProperty("count").GetInt64() != 0)
            .ToDictionary(b => b.GetProperty("key").GetString()!, b => b.GetProperty("count").GetInt64());

    private const string AgeBand = $"""
        case when extract(year from age({MonthEnd}, p.birth_date)) <= 30 then 'le30'
             when extract(year from age({MonthEnd}, p.birth_date)) >= 61 then 'ge61'
             else (5 * floor((extract(year from age({MonthEnd}, p.birth_date)) - 1) / 5) + 1)::int || '_' || (5 * floor((extract(year from age({MonthEnd}, p.birth_date)) - 1) / 5) + 5)::int end
        """;

    private const string PartyAgeBand = $"""
        case when p.converted_on is null then 'none'
             when extract(year from age({MonthEnd}, p.converted_on)) <= 5 then 'le5'
             when extract(year from age({MonthEnd}, p.converted_on)) <= 10 then '6_10'
             when extract(year from age({MonthEnd}, p.converted_on)) >= 51 then 'ge51'
             else (10 * floor((extract(year from age({MonthEnd}, p.converted_on)) - 1) / 10) + 1)::int || '_' || (10 * floor((extract(year from age({MonthEnd}, p.converted_on)) - 1) / 10) + 10)::int end
        """;

    [Test]
    public async Task Every_dashboard_figure_equals_a_count_over_the_people_register()
    {
        var dashboard = await Problems.JsonAsync(await Committee.GetAsync("/api/analytics/dashboard"));
        var statuses = await ExpectedAsync("p.party_status", "p.relation <> 'transferred_out'");
        var members = statuses.GetValueOrDefault("probationary") + statuses.GetValueOrDefault("full_member");
        var pyramid = dashboard.GetProperty("agePyramid").EnumerateArray().ToList();
        var expectedPyramid = await ExpectedAsync($"({AgeBand}) || '|' || p.gender");
        Assert.That(members, Is.GreaterThan(100), "the demo has its members");

        Assert.Multiple(async () =>
        {
            Assert.That(dashboard.GetProperty("members").GetInt64(), Is.EqualTo(members));
            Assert.That(dashboard.GetProperty("probationary").GetInt64(), Is.EqualTo(statuses.GetValueOrDefault("probationary")));
            Assert.That(dashboard.GetProperty("applicants").GetInt64(),
                Is.EqualTo(statuses.GetValueOrDefault("applicant") + statuses.GetValueOrDefault("activist") + statuses.GetValueOrDefault("candidate")));
            Assert.That(dashboard.GetProperty("branches").GetInt64(), Is.EqualTo(await Host.ScalarAsync<long>(
                "select count(*) from personnel.organization where status = 'active' and type in ('branch', 'joint_branch', 'temporary_branch')")));
            Assert.That(Buckets(dashboard, "statuses"), Is.EquivalentTo(statuses));
            Assert.That(Buckets(dashboard, "genders"), Is.EquivalentTo(await ExpectedAsync("p.gender")));
            Assert.That(Buckets(dashboard, "education"), Is.EquivalentTo(await ExpectedAsync("coalesce(left(p.education, 1) || '0', 'none')")));
            Assert.That(Buckets(dashboard, "ethnicity"), Is.EquivalentTo(await ExpectedAsync("case when p.ethnicity = '01' then 'han' else 'minority' end")));
            Assert.That(Buckets(dashboard, "partyAge"), Is.EquivalentTo(await ExpectedAsync(PartyAgeBand)));
            Assert.That(Buckets(dashboard, "joiningPeriods"), Is.EquivalentTo(await ExpectedAsync("""
                case when p.joined_on < '1949-10-01' then 'before_1949_10' when p.joined_on < '1979-01-01' then 'to_1978_12'
                     when p.joined_on < '2012-12-01' then 'to_2012_11' else 'since_2012_12' end
                """, Members + " and p.joined_on is not null")));
            var actualPyramid = pyramid.SelectMany(b => new[] { ("1", "male"), ("2", "female") }
                    .Select(g => (Key: b.GetProperty("key").GetString() + "|" + g.Item1, Count: b.GetProperty(g.Item2).GetInt64())))
                .Where(x => x.Count != 0).ToDictionary(x => x.Key, x => x.Count);
            Assert.That(actualPyramid, Is.EquivalentTo(expectedPyramid.Where(e => e.Key.EndsWith("|1") || e.Key.EndsWith("|2"))));
            Assert.That(dashboard.GetProperty("funnel").EnumerateArray().Select(f => f.GetProperty("count").GetInt64()),
                Is.EqualTo(new[] { "applicant", "activist", "candidate", "probationary", "full_member" }.Select(s => statuses.GetValueOrDefault(s))));
            var thisYear = dashboard.GetProperty("trends").EnumerateArray().Last();
            Assert.That(thisYear.GetProperty("joinedStillMembers").GetInt64(), Is.EqualTo((await ExpectedAsync(
                "extract(year from p.joined_on)::int")).GetValueOrDefault(thisYear.GetProperty("year").GetInt32().ToString())));
        });
    }

    [Test]
    public async Task The_headline_matches_the_dashboard()
    {
        var headline = await Problems.JsonAsync(await Committee.GetAsync("/api/analytics/headline"));
        var dashboard = await Problems.JsonAsync(await Committee.GetAsync("/api/analytics/dashboard"));
        foreach (var figure in new[] { "members", "branches", "probationary", "applicants" })
            Assert.That(headline.GetProperty(figure).GetInt64(), Is.EqualTo(dashboard.GetProperty(figure).GetInt64()), figure);
        Assert.That(headline.GetProperty("asOf").GetString(), Is.Not.Empty);
    }

    [Test]
    public async Task A_branch_secretary_sees_only_their_subtree()
    {
        var branch = await Demo.BranchAsync(Host, "RS-03");
        using var secretary = Host.Client();
        await secretary.SignInAsync(await Host.CreateUserAsync(RoleCatalog.BranchSecretary, branch));

        var headline = await Problems.JsonAsync(await secretary.GetAsync("/api/analytics/headline"));
        var dashboard = await Problems.JsonAsync(await secretary.GetAsync("/api/analytics/dashboard"));
        var expected = await ExpectedAsync("p.party_status", "p.relation <> 'transferred_out'", branch);
        var everyone = await Problems.JsonAsync(await Committee.GetAsync("/api/analytics/headline"));
        var drill = await Problems.JsonAsync(await secretary.GetAsync("/api/analytics/drilldown?metric=status&bucket=full_member&pageSize=200"));

        Assert.Multiple(async () =>
        {
            Assert.That(headline.GetProperty("members").GetInt64(),
                Is.EqualTo(expected.GetValueOrDefault("probationary") + expected.GetValueOrDefault("full_member")).And.GreaterThan(0));
            Assert.That(headline.GetProperty("members").GetInt64(), Is.LessThan(everyone.GetProperty("members").GetInt64()));
            Assert.That(headline.GetProperty("branches").GetInt64(), Is.EqualTo(1));
            Assert.That(Buckets(dashboard, "statuses"), Is.EquivalentTo(expected));
            Assert.That(drill.GetProperty("total").GetInt64(), Is.EqualTo(expected.GetValueOrDefault("full_member")));
            Assert.That(drill.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("organizationId").GetGuid()).Distinct(),
                Is.All.Matches<Guid>(id => Host.ScalarAsync<bool>("""
                    select (select path from personnel.organization where id = @o) <@ (select path from personnel.organization where id = @b)
                    """, ("o", id), ("b", branch)).Result));
            // Another subtree, or the whole committee, is not there for them (404, like a missing organisation).
            await Problems.ExpectAsync(await secretary.GetAsync($"/api/analytics/dashboard?organizationId={await Demo.RootAsync(Host)}"),
                HttpStatusCode.NotFound, "not_found");
            await Problems.ExpectAsync(await secretary.GetAsync($"/api/analytics/drilldown?metric=status&bucket=full_member&organizationId={Branch}"),
                HttpStatusCode.NotFound, "not_found");
        });
    }

    [Test]
    public async Task A_drilldown_lists_the_people_behind_a_bar_without_sensitive_fields()
    {
        var dashboard = await Problems.JsonAsync(await Committee.GetAsync("/api/analytics/dashboard"));
        var band = dashboard.GetProperty("agePyramid").EnumerateArray().First(b => b.GetProperty("male").GetInt64() > 0);
        var key = band.GetProperty("key").GetString();
        var drill = await Problems.JsonAsync(await Committee.GetAsync($"/api/analytics/drilldown?metric=age&bucket={key}&gender=1&pageSize=200"));
        var education = dashboard.GetProperty("education").EnumerateArray().First(b => b.GetProperty("count").GetInt64() > 0);
        var byEducation = await Problems.JsonAsync(await Committee.GetAsync(
            $"/api/analytics/drilldown?metric=education&bucket={education.GetProperty("key").GetString()}&pageSize=1"));
        var item = drill.GetProperty("items")[0];

        Assert.Multiple(async () =>
        {
            Assert.That(drill.GetProperty("total").GetInt64(), Is.EqualTo(band.GetProperty("male").GetInt64()));
            Assert.That(byEducation.GetProperty("total").GetInt64(), Is.EqualTo(education.GetProperty("count").GetInt64()));
            Assert.That(item.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "personId", "name", "organizationId", "organizationName", "value" }));
            Assert.That(drill.GetProperty("items").EnumerateArray().Select(i => int.Parse(i.GetProperty("value").GetString()!)),
                Is.All.InRange(band.GetProperty("key").GetString() == "le30" ? 0 : int.Parse(key![..2]), key == "ge61" ? 200 : key == "le30" ? 30 : int.Parse(key![3..])));
            await Problems.ExpectAsync(await Committee.GetAsync("/api/analytics/drilldown?metric=salary&bucket=x"), HttpStatusCode.BadRequest, "validation_failed");
        });
    }

    [Test]
    public async Task A_rebuild_from_the_event_log_gives_the_same_counts()
    {
        const string Counts = """
            select coalesce(string_agg(organization_id || '/' || dimension || '/' || bucket || '=' || count, ',' order by organization_id, dimension, bucket), '')
            from analytics.member_count_now where count <> 0
            """;
        var live = await Host.ScalarAsync<string>(Counts);
        var replayed = await Host.SendAsync(new RebuildAnalytics());
        var rebuilt = await Host.ScalarAsync<string>(Counts);

        Assert.That(replayed, Is.GreaterThanOrEqualTo(await Host.ScalarAsync<long>("select count(*) from personnel.person")));
        Assert.That(rebuilt, Is.EqualTo(live));
        Assert.That(await Host.ScalarAsync<long>("select count(*) from analytics.member"), Is.EqualTo(await Host.ScalarAsync<long>("select count(*) from personnel.person")));
    }

    [Test]
    public async Task The_annual_report_cross_checks_its_totals_and_writes_merged_headers()
    {
        var year = DateTime.UtcNow.AddHours(8).Year;
        var report = await Problems.JsonAsync(await Committee.GetAsync($"/api/analytics/annual-report?year={year}"));
        var tables = report.GetProperty("tables").EnumerateArray().ToDictionary(t => t.GetProperty("key").GetString()!, t => t.GetProperty("values"));
        var members = (await ExpectedAsync("'all'")).GetValueOrDefault("all");
        var response = await Committee.GetAsync($"/api/analytics/annual-report/xlsx?year={year}");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes));
        string Entry(string name) => new StreamReader(zip.GetEntry(name)!.Open()).ReadToEnd();

        Assert.Multiple(async () =>
        {
            Assert.That(report.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("passed").GetBoolean()),
                Is.EqualTo(Enumerable.Repeat(true, 11)));
            Assert.That(tables["members"][0].GetInt64(), Is.EqualTo(members));
            Assert.That(tables["education"].EnumerateArray().Skip(1).Sum(v => v.GetInt64()), Is.EqualTo(members));
            Assert.That(tables["joining"].EnumerateArray().Skip(1).Sum(v => v.GetInt64()), Is.EqualTo(members));
            Assert.That(tables["organizations"][0].GetInt64(), Is.EqualTo(await Host.ScalarAsync<long>("select count(*) from personnel.organization where status = 'active'")));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Does.Contain("spreadsheetml"));
            Assert.That(Entry("xl/worksheets/sheet1.xml"), Does.Contain("<mergeCell ref=\"B2:D2\"/>").And.Contain("年龄"), "table 1's group headers are merged over their columns");
            Assert.That(Entry("xl/worksheets/sheet9.xml"), Does.Contain("通过").And.Not.Contain("不通过"), "the checks sheet reports every check passed");
        });
    }
}
