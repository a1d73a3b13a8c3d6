using System.Globalization;
using System.Net;
using System.Text.Json;
using NUnit.Framework;
using RedSail.Modules.Analytics.Contracts;
using RedSail.Platform.Access;
using RedSail.Testing;

namespace RedSail.ApiTests;

/// <summary>
/// The usage board's sign-ins (real sign-ins over HTTP, counted again over the platform's sessions) and the annual report's
/// 民主评议党员 and training tables (counted again over Workflow's tables), on the demo institute with its year of party work;
/// a rebuild gives the same figures.
/// </summary>
public sealed partial class AnalyticsMeetingsAndDuesTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
    private static readonly int Quarter = (Today.Month + 2) / 3;

    private async Task<JsonElement> UsageRowAsync(Guid branch)
    {
        var board = await Problems.JsonAsync(await Committee.GetAsync($"/api/analytics/usage-board?year={Today.Year}&quarter={Quarter}"));
        return board.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == branch);
    }

    private async Task SignInAsync(params TestUser[] users)
    {
        foreach (var user in users)
        {
            using var client = Host.Client();
            await client.SignInAsync(user);
        }
        await Demo.WaitForDeliveriesAsync(Host);
    }

    [Test]
    public async Task The_usage_board_counts_the_sign_ins_of_the_accounts_scoped_to_a_branch_or_its_party_groups()
    {
        var group = await Host.ScalarAsync<Guid>("select id from personnel.organization where parent_id = @b and type = 'party_group' order by code limit 1",
            ("b", Branch));
        var other = await Demo.BranchAsync(Host, "RS-03");
        await Demo.WaitForDeliveriesAsync(Host);
        var before = await UsageRowAsync(Branch);
        var otherBefore = await UsageRowAsync(other);
        var member = await Host.CreateUserAsync(RoleCatalog.Member, Branch);
        var secretary = await Host.CreateUserAsync(RoleCatalog.BranchSecretary, Branch);
        var groupMember = await Host.CreateUserAsync(RoleCatalog.Member, group);
        var elsewhere = await Host.CreateUserAsync(RoleCatalog.Member, other);

        await SignInAsync(member, member, secretary, groupMember, elsewhere);
        var row = await UsageRowAsync(Branch);
        var otherRow = await UsageRowAsync(other);
        // The platform's own record: sessions that became active this quarter, of accounts whose most specific grant is the branch or one of its groups.
        var expected = await Host.ScalarAsync<string>("""
            select count(distinct s.user_id) || '|' || count(*) from platform.session s
            where s.stage = 'active' and s.created_at >= @from::timestamp at time zone 'Asia/Shanghai'
              and (select g.organization_id from platform.role_grant g join platform.organization o on o.id = g.organization_id
                   where g.user_id = s.user_id order by nlevel(o.path) desc limit 1)
                  in (select id from platform.organization where id = @b or (parent_id = @b and type = 'party_group'))
            """, ("from", new DateTime(Today.Year, Quarter * 3 - 2, 1)), ("b", Branch));
        int Figure(JsonElement r, string name) => r.GetProperty(name).GetInt32();
        var members = Figure(row, "members");

        Assert.Multiple(async () =>
        {
            Assert.That(group, Is.Not.EqualTo(Guid.Empty), "RS-01 has party groups");
            Assert.That($"{Figure(row, "signedInAccounts")}|{Figure(row, "signIns")}", Is.EqualTo(expected));
            Assert.That((Figure(row, "signedInAccounts") - Figure(before, "signedInAccounts"), Figure(row, "signIns") - Figure(before, "signIns")),
                Is.EqualTo((3, 4)), "three accounts, one of them twice");
            Assert.That((Figure(otherRow, "signedInAccounts") - Figure(otherBefore, "signedInAccounts"), Figure(otherRow, "signIns") - Figure(otherBefore, "signIns")),
                Is.EqualTo((1, 1)));
            Assert.That(row.GetProperty("signInRate").GetDecimal(), Is.EqualTo(Math.Round((decimal)Math.Min(Figure(row, "signedInAccounts"), members) / members, 4)));
            Assert.That(await Host.ScalarAsync<long>("select count(*) from analytics.sign_in"),
                Is.EqualTo(await Host.ScalarAsync<long>("select count(*) from platform.session where stage = 'active'")),
                "every completed sign-in arrived, the administrators' with TOTP too");
            Assert.That(await Host.ScalarAsync<long>("select count(*) from analytics.event_log where event_type = 'UserSignedIn' and payload::text ~* 'name|address'"),
                Is.Zero, "no names or addresses travel");
        });
    }

    [Test]
    public async Task The_annual_reports_review_and_training_tables_equal_counts_over_workflows_tables([Values(-1, 0)] int yearsBack)
    {
        var year = Today.Year + yearsBack;
        var person = (await Problems.JsonAsync(await Committee.GetAsync($"/api/workflow/organizations/{Branch}/roster")))[0].GetProperty("id").GetGuid();
        var recorded = await Problems.JsonAsync(await Committee.PostAsync("/api/workflow/trainings", new
        {
            personId = person, title = $"{year}年党务知识讲座", organizer = "机关党委", trainingDate = $"{year}-03-0{2 - yearsBack}", trainingHours = 2.5m,
            trainingKind = "lecture",
        }), HttpStatusCode.Created);
        Assert.That(await Eventually.HoldsAsync(() => Host.ScalarAsync<bool>("select exists (select 1 from analytics.training where record_id = @id)",
            ("id", recorded.GetProperty("id").GetGuid())), 30000), Is.True, "the recorded training reached Analytics");
        var report = await Problems.JsonAsync(await Committee.GetAsync($"/api/analytics/annual-report?year={year}"));
        var tables = report.GetProperty("tables").EnumerateArray().ToDictionary(t => t.GetProperty("key").GetString()!);

        static string Figures(JsonElement values) =>
            string.Join("/", values.EnumerateArray().Select(v => v.GetDecimal().ToString("0.#", CultureInfo.InvariantCulture)));
        static string Rows(JsonElement table) => string.Join(",", table.GetProperty("rows").EnumerateArray()
            .Select(r => $"{r.GetProperty("organizationId").GetGuid()}={Figures(r.GetProperty("values"))}").Order(StringComparer.Ordinal));
        const string Grades = """
            count(*) || '/' || count(*) filter (where e.grade = 'excellent') || '/' || count(*) filter (where e.grade = 'qualified') || '/'
            || count(*) filter (where e.grade = 'basically_qualified') || '/' || count(*) filter (where e.grade = 'unqualified')
            """;
        const string Reviews = """
            from workflow.evaluation_result e join workflow.evaluation_round r on r.id = e.round_id
            where r.kind = 'democratic_review' and r.year = @y and r.status = 'closed' and r.valid
            """;
        const string Training = """
            count(distinct (t.title, t.organizer, t.held_on)) || '/' || count(distinct t.person_id) || '/' || count(*) || '/' || trim_scale(coalesce(sum(t.hours), 0))
            """;
        var reviewTotal = await Host.ScalarAsync<string>($"select {Grades} {Reviews}", ("y", year));
        var reviewRows = await Host.ScalarAsync<string>($"""
            select coalesce(string_agg(x, ',' order by x collate "C"), '') from (select r.organization_id || '=' || {Grades} as x {Reviews} group by r.organization_id) o
            """, ("y", year));
        var trainingTotal = await Host.ScalarAsync<string>($"select {Training} from workflow.training_record t where extract(year from t.held_on) = @y", ("y", year));
        var trainingRows = await Host.ScalarAsync<string>($"""
            select coalesce(string_agg(x, ',' order by x collate "C"), '') from (
                select t.organization_id || '=' || {Training} as x from workflow.training_record t where extract(year from t.held_on) = @y group by t.organization_id) o
            """, ("y", year));
        var xlsx = await Committee.GetAsync($"/api/analytics/annual-report/xlsx?year={year}");
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()));
        string Entry(string name) => new StreamReader(zip.GetEntry(name)!.Open()).ReadToEnd();

        Assert.Multiple(() =>
        {
            Assert.That(Figures(tables["democratic_review"].GetProperty("values")), Is.EqualTo(reviewTotal));
            Assert.That(Rows(tables["democratic_review"]), Is.EqualTo(reviewRows));
            Assert.That(Figures(tables["training"].GetProperty("values")), Is.EqualTo(trainingTotal));
            Assert.That(Rows(tables["training"]), Is.EqualTo(trainingRows));
            Assert.That(report.GetProperty("checks").EnumerateArray().Where(c => !c.GetProperty("passed").GetBoolean()).Select(c => c.GetProperty("key").GetString()),
                Is.Empty);
            Assert.That(Entry("xl/worksheets/sheet8.xml"), Does.Contain("表8 党员培训").And.Contain("学时合计").And.Contain("<mergeCell ref=\"B2:E2\"/>"));
        });
        if (yearsBack == -1)
            Assert.Multiple(() =>
            {
                Assert.That(reviewTotal, Does.Not.StartWith("0/"), "the demo closed last year's democratic reviews");
                Assert.That(tables["democratic_review"].GetProperty("rows").GetArrayLength(), Is.EqualTo(4));
                Assert.That(Entry("xl/worksheets/sheet7.xml"), Does.Contain("表7 民主评议党员").And.Contain("基本合格").And.Contain("<mergeCell ref=\"C2:F2\"/>"));
            });
        else Assert.That(trainingTotal, Does.Not.StartWith("0/"), "the demo's committee members trained this year");
    }

    [Test]
    public async Task A_rebuild_gives_the_same_usage_board_and_annual_reports()
    {
        await SignInAsync(await Host.CreateUserAsync(RoleCatalog.Member, Branch));
        async Task<string> FiguresAsync() =>
            (await Problems.JsonAsync(await Committee.GetAsync($"/api/analytics/usage-board?year={Today.Year}&quarter={Quarter}"))).GetRawText()
            + (await Problems.JsonAsync(await Committee.GetAsync($"/api/analytics/annual-report?year={Today.Year}"))).GetRawText()
            + (await Problems.JsonAsync(await Committee.GetAsync($"/api/analytics/annual-report?year={Today.Year - 1}"))).GetRawText();
        var live = await FiguresAsync();
        await Host.SendAsync(new RebuildAnalytics());

        Assert.That(await FiguresAsync(), Is.EqualTo(live));
        Assert.That((await UsageRowAsync(Branch)).GetProperty("signIns").GetInt32(), Is.GreaterThan(0));
        Assert.That(live, Does.Contain("\"democratic_review\"").And.Contain("\"excellent\""));
    }
}
