using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NUnit.Framework;
using RedSail.Modules.Analytics.Contracts;
using RedSail.Platform.Access;
using RedSail.Testing;

namespace RedSail.ApiTests;

/// <summary>
/// The people side of the dashboard (occupation, title level, young employees, mass organisations, united front) against the
/// demo institute: every figure equals a count computed from Personnel's own tables (people and their information-set
/// entries), drill-downs list the people behind a bar, a branch secretary sees their subtree only, a rebuild gives the same
/// figures; and the two-year comparison of the annual report explains the change in members by the year's recorded flows.
/// </summary>
public sealed class AnalyticsPeopleTests : DemoInstituteTests
{
    private const string MonthEnd = "(date_trunc('month', (now() at time zone 'Asia/Shanghai')::date) + interval '1 month - 1 day')::date";
    private const string OnRegister = "p.relation <> 'transferred_out'";
    private const string Members = "p.party_status in ('probationary', 'full_member') and " + OnRegister;
    private const string Young = $"extract(year from age({MonthEnd}, p.birth_date)) <= 35 and " + OnRegister;

    /// <summary>Each person's open post with the latest start (the one Analytics calls current), from Personnel's entries.</summary>
    private const string CurrentPost = """
        left join lateral (
            select r.data from personnel.person_record r
            where r.person_id = p.id and r.set_kind = 'post' and r.removed_at is null and r.valid_to is null
            order by r.valid_from desc nulls last, r.id limit 1) post on true
        """;

    private const string Entries = "join personnel.person_record r on r.person_id = p.id and r.removed_at is null";

    [OneTimeSetUp]
    public async Task WaitForAnalytics()
    {
        var caughtUp = await Eventually.HoldsAsync(async () => await Host.ScalarAsync<bool>("""
            select (select count(*) from analytics.organization) = (select count(*) from personnel.organization)
               and (select count(*) from analytics.member) = (select count(*) from personnel.person)
               and (select count(*) from personnel.outbox_delivery where delivered_at is null) = 0
            """), 90000);
        Assert.That(caughtUp, Is.True, "Analytics received the demo's events");
    }

    /// <summary>Counts by a bucket over Personnel's people (alias p, organisation o) and whatever <paramref name="join"/> adds.</summary>
    private async Task<Dictionary<string, long>> ExpectedAsync(string bucketSql, string where, string join = "", Guid? under = null, bool distinctPeople = false)
    {
        await using var connection = new Npgsql.NpgsqlConnection(Host.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand($"""
            select ({bucketSql})::text, count({(distinctPeople ? "distinct p.id" : "*")})
            from personnel.person p join personnel.organization o on o.id = p.organization_id {join}
            where {where} and (@under::uuid is null or o.path <@ (select path from personnel.organization where id = @under))
            group by 1
            """, connection);
        command.Parameters.AddWithValue("under", NpgsqlTypes.NpgsqlDbType.Uuid, (object?)under ?? DBNull.Value);
        var result = new Dictionary<string, long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) result[reader.IsDBNull(0) ? "null" : reader.GetString(0)] = reader.GetInt64(1);
        return result;
    }

    private static Dictionary<string, long> Buckets(JsonElement list) =>
        list.EnumerateArray().Where(b => b.GetProperty("count").GetInt64() != 0).ToDictionary(b => b.GetProperty("key").GetString()!, b => b.GetProperty("count").GetInt64());

    private static Dictionary<string, long> Requests(JsonElement young) => young.GetProperty("requests").EnumerateArray()
        .SelectMany(r => new[] { "open", "answered", "closed" }.Select(s => (Key: r.GetProperty("category").GetString() + "|" + s, Count: r.GetProperty(s).GetInt64())))
        .Where(r => r.Count != 0).ToDictionary(r => r.Key, r => r.Count);

    private static Dictionary<string, long> MassOrganizations(JsonElement composition) => composition.GetProperty("massOrganizations").EnumerateArray()
        .SelectMany(o => o.GetProperty("posts").EnumerateArray().Select(p => (Key: o.GetProperty("organizationId").GetGuid() + "|" + p.GetProperty("key").GetString(),
            Count: p.GetProperty("count").GetInt64())))
        .ToDictionary(r => r.Key, r => r.Count);

    private const string MassOrganizationBucket = "(r.organization_id::text || '|' || coalesce(nullif(r.data->>'post', ''), 'none'))";

    [Test]
    public async Task Every_people_figure_equals_a_count_over_the_register_and_its_entries()
    {
        var composition = await Problems.JsonAsync(await Committee.GetAsync("/api/analytics/dashboard/people"));
        var young = composition.GetProperty("young");
        var occupations = await ExpectedAsync("coalesce(post.data->>'occupation', 'none')", Members, CurrentPost);
        var traits = new Dictionary<string, long>();
        foreach (var trait in new[] { "specialty", "skills", "hobbies" })
            traits[trait] = (await ExpectedAsync("'all'", $"{Young} and r.set_kind = 'traits' and r.valid_to is null and coalesce(r.data->>'{trait}', '') <> ''",
                Entries, distinctPeople: true)).GetValueOrDefault("all");
        Assert.That(occupations.Keys, Has.Some.Not.EqualTo("none"), "the demo's posts carry occupations");
        Assert.That(traits["specialty"], Is.GreaterThan(0), "the demo has young employees with traits");

        Assert.Multiple(async () =>
        {
            Assert.That(Buckets(composition.GetProperty("occupations")), Is.EquivalentTo(occupations));
            Assert.That(Buckets(composition.GetProperty("titleLevels")), Is.EquivalentTo(await ExpectedAsync("coalesce(post.data->>'titleLevel', 'none')", Members, CurrentPost)));
            Assert.That(young.GetProperty("people").GetInt64(), Is.EqualTo((await ExpectedAsync("'all'", Young)).GetValueOrDefault("all")));
            Assert.That(Buckets(young.GetProperty("traits")), Is.EquivalentTo(traits.Where(t => t.Value != 0)));
            Assert.That(Requests(young), Is.EquivalentTo(await ExpectedAsync("(r.data->>'category') || '|' || (r.data->>'status')", $"{Young} and r.set_kind = 'care'", Entries)));
            Assert.That(MassOrganizations(composition), Is.EquivalentTo(await ExpectedAsync(MassOrganizationBucket,
                $"{OnRegister} and r.set_kind = 'mass_org' and r.valid_to is null", Entries)).And.Not.Empty);
            Assert.That(Buckets(composition.GetProperty("unitedFront")), Is.EquivalentTo(await ExpectedAsync("r.data->>'category'",
                $"{OnRegister} and r.set_kind = 'united_front' and r.valid_to is null", Entries)).And.Not.Empty);
            Assert.That(Buckets(composition.GetProperty("democraticParties")), Is.EquivalentTo(await ExpectedAsync("r.data->>'democraticParty'",
                $"{OnRegister} and r.set_kind = 'united_front' and r.valid_to is null and r.data ? 'democraticParty'", Entries)));
        });
    }

    [Test]
    public async Task A_drilldown_lists_the_people_behind_each_new_chart()
    {
        var composition = await Problems.JsonAsync(await Committee.GetAsync("/api/analytics/dashboard/people"));
        var occupation = composition.GetProperty("occupations").EnumerateArray().First(o => o.GetProperty("count").GetInt64() > 0);
        var union = composition.GetProperty("massOrganizations").EnumerateArray().OrderByDescending(o => o.GetProperty("members").GetInt64()).First();
        var request = composition.GetProperty("young").GetProperty("requests").EnumerateArray().First();
        var category = request.GetProperty("category").GetString();
        async Task<long> Total(string metric, string bucket) =>
            (await Problems.JsonAsync(await Committee.GetAsync($"/api/analytics/drilldown?metric={metric}&bucket={Uri.EscapeDataString(bucket)}&pageSize=5")))
            .GetProperty("total").GetInt64();

        Assert.Multiple(async () =>
        {
            Assert.That(await Total("occupation", occupation.GetProperty("key").GetString()!), Is.EqualTo(occupation.GetProperty("count").GetInt64()));
            Assert.That(await Total("massOrg", union.GetProperty("organizationId").GetString()!), Is.EqualTo((await ExpectedAsync("'all'",
                $"{OnRegister} and r.set_kind = 'mass_org' and r.valid_to is null and r.organization_id = '{union.GetProperty("organizationId").GetGuid()}'", Entries,
                distinctPeople: true)).GetValueOrDefault("all")));
            // People, not requests: someone with two open requests of a category is one line.
            Assert.That(await Total("youngCare", category + "|open"), Is.EqualTo((await ExpectedAsync("'all'",
                $"{Young} and r.set_kind = 'care' and r.data->>'category' = '{category}' and r.data->>'status' = 'open'", Entries, distinctPeople: true)).GetValueOrDefault("all")));
            Assert.That(await Total("youngTrait", "specialty"), Is.EqualTo(composition.GetProperty("young").GetProperty("traits")[0].GetProperty("count").GetInt64()));
            Assert.That(await Total("unitedFront", "01"), Is.EqualTo(Buckets(composition.GetProperty("unitedFront")).GetValueOrDefault("01")).And.GreaterThan(0));
            await Problems.ExpectAsync(await Committee.GetAsync("/api/analytics/drilldown?metric=occupation&bucket=9"), HttpStatusCode.BadRequest, "validation_failed");
            await Problems.ExpectAsync(await Committee.GetAsync("/api/analytics/drilldown?metric=massOrg&bucket=x"), HttpStatusCode.BadRequest, "validation_failed");
        });
    }

    [Test]
    public async Task A_branch_secretary_sees_only_their_subtree()
    {
        var branch = await Demo.BranchAsync(Host, "RS-03");
        using var secretary = Host.Client();
        await secretary.SignInAsync(await Host.CreateUserAsync(RoleCatalog.BranchSecretary, branch));

        var composition = await Problems.JsonAsync(await secretary.GetAsync("/api/analytics/dashboard/people"));
        var everyone = await Problems.JsonAsync(await Committee.GetAsync("/api/analytics/dashboard/people"));
        var occupations = await ExpectedAsync("coalesce(post.data->>'occupation', 'none')", Members, CurrentPost, branch);
        var drill = await Problems.JsonAsync(await secretary.GetAsync($"/api/analytics/drilldown?metric=occupation&bucket={occupations.Keys.First()}&pageSize=200"));

        Assert.Multiple(async () =>
        {
            Assert.That(Buckets(composition.GetProperty("occupations")), Is.EquivalentTo(occupations));
            Assert.That(composition.GetProperty("young").GetProperty("people").GetInt64(),
                Is.EqualTo((await ExpectedAsync("'all'", Young, under: branch)).GetValueOrDefault("all"))
                    .And.LessThan(everyone.GetProperty("young").GetProperty("people").GetInt64()));
            Assert.That(MassOrganizations(composition), Is.EquivalentTo(await ExpectedAsync(MassOrganizationBucket,
                $"{OnRegister} and r.set_kind = 'mass_org' and r.valid_to is null", Entries, under: branch)));
            Assert.That(drill.GetProperty("total").GetInt64(), Is.EqualTo(occupations.First().Value));
            Assert.That(drill.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("organizationId").GetGuid()), Is.All.EqualTo(branch));
            await Problems.ExpectAsync(await secretary.GetAsync($"/api/analytics/dashboard/people?organizationId={await Demo.RootAsync(Host)}"),
                HttpStatusCode.NotFound, "not_found");
        });
    }

    [Test]
    public async Task A_changed_post_moves_the_member_once_and_a_rebuild_keeps_the_figures()
    {
        var person = await Host.ScalarAsync<Guid>($"""
            select p.id from personnel.person p join personnel.organization o on o.id = p.organization_id {CurrentPost}
            where {Members} and post.data->>'occupation' = '4' order by p.id limit 1
            """);
        var record = await Host.ScalarAsync<Guid>("""
            select id from personnel.person_record where person_id = @p and set_kind = 'post' and removed_at is null and valid_to is null
            order by valid_from desc nulls last, id limit 1
            """, ("p", person));
        async Task<long> Count(string occupation) => Buckets((await Problems.JsonAsync(await Committee.GetAsync("/api/analytics/dashboard/people")))
            .GetProperty("occupations")).GetValueOrDefault(occupation);
        var managers = await Count("4");
        var workers = await Count("1");
        var entries = await Problems.JsonAsync(await Committee.GetAsync($"/api/personnel/people/{person}/records?set=post"));
        var version = entries.EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == record).GetProperty("version").GetInt64();

        // The post becomes a worker's: one member moves from 4 to 1.
        await Problems.JsonAsync(await Committee.Http.PutAsJsonAsync($"/api/personnel/people/{person}/records/{record}", new
        {
            version, validFrom = "2015-07-01", values = new { post = "技术工人", title = "技师", titleLevel = "3", occupation = "1" },
        }));
        Assert.That(await Eventually.HoldsAsync(async () => await Count("1") == workers + 1), Is.True, "the change arrived");
        var changed = await Host.ScalarAsync<string>(CountsState);
        var replayed = await Host.SendAsync(new RebuildAnalytics());
        var rebuilt = await Host.ScalarAsync<string>(CountsState);

        Assert.Multiple(async () =>
        {
            Assert.That(await Count("4"), Is.EqualTo(managers - 1));
            Assert.That(await Count("1"), Is.EqualTo(workers + 1));
            Assert.That(replayed, Is.GreaterThan(0));
            Assert.That(rebuilt, Is.EqualTo(changed));
        });
    }

    private const string CountsState = """
        select coalesce(string_agg(organization_id || '/' || dimension || '/' || bucket || '=' || count, ',' order by organization_id, dimension, bucket), '')
        from analytics.member_count_now where count <> 0
        """;

    [Test]
    public async Task The_two_year_comparison_explains_the_change_in_members_by_the_years_flows()
    {
        var year = DateTime.UtcNow.AddHours(8).Year;
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        // Last year-end as the month-end job would have kept it (the demo is recorded today, so its figures were the same).
        await Host.SendAsync(new TakeAnalyticsSnapshot(new DateOnly(year - 1, 12, 1)));

        // This year: one admission, one death, one transfer out.
        var candidate = await Host.ScalarAsync<Guid>("select id from personnel.person where party_status = 'candidate' order by id limit 1");
        var full = new[]
        {
            await Host.ScalarAsync<Guid>($"select p.id from personnel.person p where {Members} and p.party_status = 'full_member' order by p.id limit 1"),
            await Host.ScalarAsync<Guid>($"select p.id from personnel.person p where {Members} and p.party_status = 'full_member' order by p.id offset 1 limit 1"),
        };
        async Task<long> Version(Guid id) => (await Problems.JsonAsync(await Committee.GetAsync($"/api/personnel/people/{id}"))).GetProperty("version").GetInt64();
        await Problems.JsonAsync(await Committee.PostAsync($"/api/personnel/people/{candidate}/party-status",
            new { version = await Version(candidate), to = "probationary", effectiveOn = today, reason = "支部大会通过", documentNumber = "党支〔2026〕9号" }));
        await Problems.JsonAsync(await Committee.PostAsync($"/api/personnel/people/{full[0]}/party-status",
            new { version = await Version(full[0]), to = "deceased", effectiveOn = today, reason = "病故" }));
        await Problems.JsonAsync(await Committee.PostAsync($"/api/personnel/people/{full[1]}/transfer-out",
            new { version = await Version(full[1]), effectiveOn = today, letterNumber = "L-2026-01", destination = "外单位党委" }));
        var members = (await ExpectedAsync("'all'", Members)).GetValueOrDefault("all");
        Assert.That(await Eventually.HoldsAsync(async () => (await Problems.JsonAsync(await Committee.GetAsync("/api/analytics/headline")))
            .GetProperty("members").GetInt64() == members), Is.True, "the changes arrived");

        var comparison = await Problems.JsonAsync(await Committee.GetAsync($"/api/analytics/annual-report/comparison?year={year}"));
        var explanation = comparison.GetProperty("explanation");
        var check = comparison.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("key").GetString() == "members_change_by_flows");
        var table = comparison.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("key").GetString() == "members");
        var response = await Committee.GetAsync($"/api/analytics/annual-report/comparison/xlsx?year={year}");
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        string Entry(string name) => new StreamReader(zip.GetEntry(name)!.Open()).ReadToEnd();

        Assert.Multiple(() =>
        {
            Assert.That(comparison.GetProperty("previousFromSnapshot").GetBoolean(), Is.True);
            Assert.That(explanation.GetProperty("membersAtEnd").GetInt64(), Is.EqualTo(members));
            Assert.That(explanation.GetProperty("change").GetInt64(), Is.EqualTo(-1));
            Assert.That((explanation.GetProperty("admitted").GetInt64(), explanation.GetProperty("transferredIn").GetInt64(), explanation.GetProperty("losses").GetInt64()),
                Is.EqualTo((1L, 0L, 2L)));
            Assert.That(explanation.GetProperty("unexplained").GetInt64(), Is.Zero);
            Assert.That(check.GetProperty("passed").GetBoolean(), Is.True);
            Assert.That(comparison.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("passed").GetBoolean()), Is.All.True);
            Assert.That(table.GetProperty("differences")[0].GetInt64(), Is.EqualTo(-1));
            Assert.That(table.GetProperty("values")[0].GetInt64() - table.GetProperty("previous")[0].GetInt64(), Is.EqualTo(-1));
            Assert.That(Entry("xl/worksheets/sheet1.xml"), Does.Contain("<mergeCell ref=\"B2:D2\"/>").And.Contain($"{year - 1} 年末").And.Contain("增减"));
            Assert.That(Entry("xl/worksheets/sheet9.xml"), Does.Contain("本年末与上年末党员数之差").And.Not.Contain("不通过"));
        });
    }
}
