using System.Net;
using System.Text.Json;
using NUnit.Framework;
using RedSail.Modules.Analytics.Contracts;
using RedSail.Platform.Access;
using RedSail.Testing;

namespace RedSail.ApiTests;

/// <summary>
/// The compliance heat map and the dues collection rate over HTTP against the demo institute with its year of party work: the
/// heat map's cells are the compliance board's, its drill-down and the dues figures equal counts computed independently from
/// Workflow's tables, a rebuild gives the same figures, and a branch secretary sees only their subtree.
/// </summary>
public sealed partial class AnalyticsMeetingsAndDuesTests : DemoInstituteTests
{
    private static readonly int Year = DateTime.UtcNow.AddHours(8).Year;

    [OneTimeSetUp]
    public async Task SeedPartyWorkAndWaitForAnalytics()
    {
        await Demo.SeedWorkflowAsync(Host);
        var caughtUp = await Eventually.HoldsAsync(async () => await Host.ScalarAsync<bool>("""
            select (select count(*) from workflow.outbox_delivery where delivered_at is null) = 0
               and (select count(*) from personnel.outbox_delivery where delivered_at is null) = 0
               and (select count(*) from analytics.meeting) = (select count(*) from workflow.meeting)
            """), 60000);
        Assert.That(caughtUp, Is.True, "Analytics received Workflow's demo events; " + await Host.ScalarAsync<string>(
            "select string_agg(distinct subscriber || ': ' || last_error, '; ') from workflow.outbox_delivery where delivered_at is null"));
    }

    /// <summary>Each cell of a heat map or compliance board as "branch/month" → "status:type held/required,…".</summary>
    internal static Dictionary<string, string> Cells(JsonElement board) =>
        board.GetProperty("items").EnumerateArray().SelectMany(b => b.GetProperty("months").EnumerateArray()
                .Select(m => (Key: $"{b.GetProperty("id").GetGuid()}/{m.GetProperty("month").GetInt32()}",
                    Value: m.GetProperty("status").GetString() + ":" + string.Join(",", m.GetProperty("items").EnumerateArray()
                        .Select(i => $"{i.GetProperty("type").GetString()}{i.GetProperty("held").GetInt32()}/{i.GetProperty("required").GetInt32()}")))))
            .ToDictionary(c => c.Key, c => c.Value);

    [Test]
    public async Task The_heat_map_judges_every_cell_as_the_compliance_board_does([Values(-1, 0)] int yearsBack)
    {
        var year = Year + yearsBack;
        var board = await Problems.JsonAsync(await Committee.GetAsync($"/api/workflow/compliance?year={year}&pageSize=200"));
        var heatMap = await Problems.JsonAsync(await Committee.GetAsync($"/api/analytics/compliance?year={year}&pageSize=200"));
        var cells = Cells(heatMap);

        Assert.Multiple(() =>
        {
            Assert.That(heatMap.GetProperty("total").GetInt64(), Is.EqualTo(board.GetProperty("total").GetInt64()).And.GreaterThan(10));
            Assert.That(cells, Is.EquivalentTo(Cells(board)));
            Assert.That(cells.Values.Select(v => v[..v.IndexOf(':')]).Distinct(), Is.SupersetOf(new[] { "green", "red" }), "the demo's gaps show");
        });
    }

    [Test]
    public async Task A_cells_drilldown_lists_the_meetings_counted_in_workflows_tables()
    {
        var heatMap = await Problems.JsonAsync(await Committee.GetAsync($"/api/analytics/compliance?year={Year - 1}&pageSize=200"));
        // March of last year: the monthly quotas and the first quarter's, judged there.
        var branch = heatMap.GetProperty("items")[0];
        var branchId = branch.GetProperty("id").GetGuid();
        var cell = branch.GetProperty("months")[2].GetProperty("items").EnumerateArray().ToList();
        var meetings = await Problems.JsonAsync(await Committee.GetAsync($"/api/analytics/compliance/meetings?branchId={branchId}&year={Year - 1}&month=3"));
        long expected = 0;
        foreach (var quota in cell)
            expected += await Host.ScalarAsync<long>("""
                select count(*) from workflow.meeting m join workflow.organization o on o.id = m.organization_id
                where m.removed_at is null and (o.id = @b or (o.parent_id = @b and o.type = 'party_group'))
                  and m.type = @type and m.held_on between @from::date and @to::date
                """, ("b", branchId), ("type", quota.GetProperty("type").GetString()!), ("from", quota.GetProperty("periodStart").GetString()!),
                ("to", quota.GetProperty("periodEnd").GetString()!));

        Assert.That(cell, Is.Not.Empty);
        Assert.That(meetings.GetArrayLength(), Is.EqualTo(expected).And.GreaterThanOrEqualTo(cell.Sum(q => q.GetProperty("held").GetInt32())));
        Assert.That(meetings.EnumerateArray().Select(m => m.GetProperty("heldOn").GetString()), Is.All.StartsWith($"{Year - 1}-0"));
    }

    [Test]
    public async Task The_dues_collection_rate_equals_the_sums_over_workflows_dues_months()
    {
        var dues = await Problems.JsonAsync(await Committee.GetAsync($"/api/analytics/dues?year={Year}"));
        var byMonth = await Host.ScalarAsync<string>("""
            select string_agg(to_char(month, 'YYYY-MM') || '=' || due || '/' || paid, ',' order by month) from (
                select month, sum(amount_due - reduction) as due, sum(least(paid, amount_due - reduction)) as paid
                from workflow.dues_month where extract(year from month) = @y group by month) m
            """, ("y", Year));
        var byBranch = await Host.ScalarAsync<string>("""
            select string_agg(branch_id || '=' || due || '/' || paid, ',' order by branch_id) from (
                select case when o.type = 'party_group' then o.parent_id else o.id end as branch_id,
                       sum(d.amount_due - d.reduction) as due, sum(least(d.paid, d.amount_due - d.reduction)) as paid
                from workflow.dues_month d join workflow.organization o on o.id = d.organization_id
                where extract(year from d.month) = @y group by 1) b
            """, ("y", Year));
        var month = dues.GetProperty("byMonth")[0].GetProperty("key").GetString()!;
        var drill = await Problems.JsonAsync(await Committee.GetAsync($"/api/analytics/dues/branch-months?year={Year}&month={int.Parse(month[5..])}&pageSize=200"));
        var branchesThatMonth = await Host.ScalarAsync<long>("""
            select count(distinct case when o.type = 'party_group' then o.parent_id else o.id end)
            from workflow.dues_month d join workflow.organization o on o.id = d.organization_id where d.month = @m::date
            """, ("m", month + "-01"));

        static string Figures(JsonElement list, bool sortById) => string.Join(",", list.EnumerateArray()
            .Select(f => $"{f.GetProperty("key").GetString()}={f.GetProperty("due").GetDecimal():0.00}/{f.GetProperty("paid").GetDecimal():0.00}")
            .OrderBy(s => sortById ? s : "", StringComparer.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(Figures(dues.GetProperty("byMonth"), false), Is.EqualTo(byMonth).And.Not.Empty);
            Assert.That(Figures(dues.GetProperty("byBranch"), true), Is.EqualTo(byBranch));
            Assert.That(dues.GetProperty("rate").GetDecimal(), Is.GreaterThan(0.5m).And.LessThan(1m), "most paid, some are behind");
            Assert.That(drill.GetProperty("total").GetInt64(), Is.EqualTo(branchesThatMonth));
            Assert.That(drill.GetProperty("items").EnumerateArray().Sum(i => i.GetProperty("due").GetDecimal()),
                Is.EqualTo(dues.GetProperty("byMonth")[0].GetProperty("due").GetDecimal()));
        });
    }

    [Test]
    public async Task A_rebuild_gives_the_same_heat_map_and_dues_figures()
    {
        async Task<string> FiguresAsync() =>
            (await Problems.JsonAsync(await Committee.GetAsync($"/api/analytics/compliance?year={Year}&pageSize=200"))).GetRawText()
            + (await Problems.JsonAsync(await Committee.GetAsync($"/api/analytics/dues?year={Year}"))).GetRawText()
            + (await Problems.JsonAsync(await Committee.GetAsync($"/api/analytics/dues?year={Year - 1}"))).GetRawText();
        var live = await FiguresAsync();
        await Host.SendAsync(new RebuildAnalytics());

        Assert.That(await FiguresAsync(), Is.EqualTo(live));
        Assert.That(live, Does.Contain("\"green\"").And.Contain("\"paid\""));
    }

    [Test]
    public async Task A_branch_secretary_sees_only_their_branch()
    {
        var branch = await Demo.BranchAsync(Host, "RS-03");
        using var secretary = Host.Client();
        await secretary.SignInAsync(await Host.CreateUserAsync(RoleCatalog.BranchSecretary, branch));

        var heatMap = await Problems.JsonAsync(await secretary.GetAsync($"/api/analytics/compliance?year={Year}"));
        var dues = await Problems.JsonAsync(await secretary.GetAsync($"/api/analytics/dues?year={Year}"));
        var due = await Host.ScalarAsync<decimal>("""
            select coalesce(sum(d.amount_due - d.reduction), 0) from workflow.dues_month d join workflow.organization o on o.id = d.organization_id
            where extract(year from d.month) = @y and o.path <@ (select path from workflow.organization where id = @b)
            """, ("y", Year), ("b", branch));

        Assert.Multiple(async () =>
        {
            Assert.That(heatMap.GetProperty("items").EnumerateArray().Select(b => b.GetProperty("id").GetGuid()), Is.EqualTo(new[] { branch }));
            Assert.That(dues.GetProperty("byBranch").EnumerateArray().Select(b => b.GetProperty("key").GetString()), Is.EqualTo(new[] { branch.ToString() }));
            Assert.That(dues.GetProperty("due").GetDecimal(), Is.EqualTo(due).And.GreaterThan(0));
            await Problems.ExpectAsync(await secretary.GetAsync($"/api/analytics/compliance/meetings?branchId={Branch}&year={Year}&month=1"),
                HttpStatusCode.NotFound, "not_found");
            await Problems.ExpectAsync(await secretary.GetAsync($"/api/analytics/dues/branch-months?organizationId={Branch}&year={Year}"),
                HttpStatusCode.NotFound, "not_found");
        });
    }

    [Test]
    public async Task A_meeting_recorded_and_removed_in_workflow_reaches_the_heat_map()
    {
        var roster = await Problems.JsonAsync(await Committee.GetAsync($"/api/workflow/organizations/{Branch}/roster"));
        var host = roster.EnumerateArray().First().GetProperty("id").GetGuid();
        var startsAt = new DateTimeOffset(Year - 1, 12, 28, 14, 0, 0, TimeSpan.FromHours(8));
        var recorded = await Problems.JsonAsync(await Committee.PostAsync("/api/workflow/meetings", new
        {
            organizationId = Branch,
            meeting = new { type = "party_lecture", startsAt, place = "会议室", hostPersonId = host, recorderPersonId = host, topic = "补录党课", present = new[] { host } },
        }), HttpStatusCode.Created);
        var id = recorded.GetProperty("id").GetGuid();
        Assert.That(await Eventually.HoldsAsync(() => Host.ScalarAsync<bool>(
            "select exists (select 1 from analytics.meeting where meeting_id = @id and not removed)", ("id", id)), 30000), Is.True);
        var afterRecord = await Problems.JsonAsync(await Committee.GetAsync($"/api/analytics/compliance?organizationId={Branch}&year={Year - 1}"));
        var board = await Problems.JsonAsync(await Committee.GetAsync($"/api/workflow/compliance?organizationId={Branch}&year={Year - 1}"));

        (await Committee.PostAsync($"/api/workflow/meetings/{id}/remove", new { version = recorded.GetProperty("version").GetInt64(), reason = "误录" }))
            .EnsureSuccessStatusCode();
        Assert.That(await Eventually.HoldsAsync(() => Host.ScalarAsync<bool>(
            "select exists (select 1 from analytics.meeting where meeting_id = @id and removed)", ("id", id)), 30000), Is.True);
        await Eventually.HoldsAsync(() => Host.ScalarAsync<bool>("select count(*) = 0 from workflow.outbox_delivery where delivered_at is null"), 30000);
        var afterRemove = await Problems.JsonAsync(await Committee.GetAsync($"/api/analytics/compliance?organizationId={Branch}&year={Year - 1}"));
        var boardAfter = await Problems.JsonAsync(await Committee.GetAsync($"/api/workflow/compliance?organizationId={Branch}&year={Year - 1}"));
        var drill = await Problems.JsonAsync(await Committee.GetAsync($"/api/analytics/compliance/meetings?branchId={Branch}&year={Year - 1}&month=12"));

        Assert.Multiple(() =>
        {
            Assert.That(Cells(afterRecord), Is.EquivalentTo(Cells(board)));
            Assert.That(Cells(afterRemove), Is.EquivalentTo(Cells(boardAfter)));
            Assert.That(drill.EnumerateArray().Select(m => m.GetProperty("meetingId").GetGuid()), Does.Not.Contain(id));
        });
    }

    [Test]
    public async Task The_usage_board_counts_a_branch_as_workflows_and_personnels_tables_do_and_a_secretary_sees_only_their_branch()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var quarter = (today.Month + 2) / 3;
        var from = new DateOnly(today.Year, quarter * 3 - 2, 1);
        var board = await Problems.JsonAsync(await Committee.GetAsync($"/api/analytics/usage-board?year={today.Year}&quarter={quarter}&recordedWithinDays=7"));
        // RS-01 and its party groups, counted in the source modules' own tables.
        var expected = await Host.ScalarAsync<string>("""
            select concat_ws('|',
                (select count(*) from workflow.meeting m join workflow.organization o on o.id = m.organization_id
                 where (o.id = @b or (o.type = 'party_group' and o.parent_id = @b)) and m.removed_at is null and m.held_on >= @f::date and m.held_on < @f::date + interval '3 months'),
                (select count(*) from workflow.meeting m join workflow.organization o on o.id = m.organization_id
                 where (o.id = @b or (o.type = 'party_group' and o.parent_id = @b)) and m.removed_at is null and m.held_on >= @f::date and m.held_on < @f::date + interval '3 months'
                   and (m.recorded_at at time zone 'Asia/Shanghai')::date <= m.held_on + 7),
                (select count(*) from workflow.dues_month d join workflow.organization o on o.id = d.organization_id
                 where (o.id = @b or (o.type = 'party_group' and o.parent_id = @b)) and d.month >= @f::date and d.month < @f::date + interval '3 months'
                   and d.amount_due - d.reduction > 0),
                (select count(*) from workflow.dues_month d join workflow.organization o on o.id = d.organization_id
                 where (o.id = @b or (o.type = 'party_group' and o.parent_id = @b)) and d.month >= @f::date and d.month < @f::date + interval '3 months'
                   and d.amount_due - d.reduction > 0 and d.paid >= d.amount_due - d.reduction and d.paid_on < d.month + interval '1 month'),
                (select count(*) from personnel.person p join personnel.organization o on o.id = p.organization_id
                 where (o.id = @b or (o.type = 'party_group' and o.parent_id = @b)) and p.party_status in ('probationary', 'full_member') and p.relation <> 'transferred_out'),
                (select count(*) from personnel.person p join personnel.organization o on o.id = p.organization_id
                 where (o.id = @b or (o.type = 'party_group' and o.parent_id = @b)) and p.party_status in ('probationary', 'full_member') and p.relation <> 'transferred_out'
                   and p.education is not null and p.joined_on is not null))
            """, ("b", Branch), ("f", from.ToString("yyyy-MM-dd")));
        var items = board.GetProperty("items").EnumerateArray().ToList();
        var row = items.Single(i => i.GetProperty("id").GetGuid() == Branch);
        string[] fields = ["meetingsHeld", "meetingsRecordedInTime", "membersDue", "membersPaidOnTime", "members", "membersComplete"];
        var ranks = items.Select(i => i.GetProperty("rank").GetInt32()).ToList();
        var scores = items.Select(i => i.GetProperty("score").GetDecimal()).ToList();

        using var secretary = Host.Client();
        var other = await Demo.BranchAsync(Host, "RS-03");
        await secretary.SignInAsync(await Host.CreateUserAsync(RoleCatalog.BranchSecretary, other));
        var own = await Problems.JsonAsync(await secretary.GetAsync($"/api/analytics/usage-board?year={today.Year}&quarter={quarter}"));

        Assert.Multiple(async () =>
        {
            Assert.That(string.Join("|", fields.Select(f => row.GetProperty(f).GetInt32())), Is.EqualTo(expected));
            Assert.That(row.GetProperty("members").GetInt32(), Is.GreaterThan(0));
            Assert.That(row.GetProperty("membersDue").GetInt32(), Is.GreaterThan(0), "this quarter's dues months are in the demo");
            Assert.That(row.GetProperty("score").GetDecimal(), Is.EqualTo(Math.Round(
                ((row.GetProperty("recordedInTimeRate").ValueKind == JsonValueKind.Null ? 0 : row.GetProperty("recordedInTimeRate").GetDecimal())
                 + row.GetProperty("paidOnTimeRate").GetDecimal() + row.GetProperty("completenessRate").GetDecimal()
                 + row.GetProperty("signInRate").GetDecimal()) / 4, 4)));
            Assert.That(items.Count, Is.GreaterThan(10));
            Assert.That(scores, Is.Ordered.Descending);
            Assert.That(ranks[0], Is.EqualTo(1));
            Assert.That(ranks.Zip(scores).All(r => r.First == scores.IndexOf(r.Second) + 1), Is.True, "equal scores share a rank");
            Assert.That(own.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()), Is.EqualTo(new[] { other }));
            await Problems.ExpectAsync(await secretary.GetAsync($"/api/analytics/usage-board?organizationId={Branch}"), HttpStatusCode.NotFound, "not_found");
        });
    }
}
