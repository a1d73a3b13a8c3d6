using Microsoft.Playwright;
using NUnit.Framework;
using RedSail.Platform.Access;
using RedSail.Testing;
using static Microsoft.Playwright.Assertions;

namespace RedSail.BrowserTests;

/// <summary>The committee dashboard of the demo institute: headline figures, a click on a bar drills down to its people, exports.</summary>
[DemoInstitute]
public sealed class AnalyticsTests : BrowserFixture
{
    private Guid _root;

    [OneTimeSetUp]
    public async Task SeedInstitute()
    {
        _root = await SeedDemoInstituteAsync();
        var caughtUp = await Eventually.HoldsAsync(async () => await Host.ScalarAsync<bool>("""
            select (select count(*) from analytics.member) = (select count(*) from personnel.person)
               and (select count(*) from analytics.organization) = (select count(*) from personnel.organization)
               and (select count(*) from personnel.outbox_delivery where delivered_at is null) = 0
            """), 90000);
        Assert.That(caughtUp, Is.True, "Analytics received the demo's events; " + await Host.ScalarAsync<string>(
            "select count(*) || ' undelivered; ' || coalesce(string_agg(distinct subscriber || ': ' || last_error, '; '), '') from personnel.outbox_delivery where delivered_at is null"));
        // A year of party work for the heat map, once Workflow's copy of the register and committees is complete.
        Assert.That(await Eventually.HoldsAsync(async () => await Host.ScalarAsync<bool>("""
            select (select count(*) from workflow.person) = (select count(*) from personnel.person)
               and (select count(*) from workflow.committee_seat) = (select count(*) from personnel.committee_member where to_on is null)
            """), 30000), Is.True);
        await Host.SendAsync(new RedSail.Modules.Workflow.Contracts.SeedWorkflowDemoData());
        Assert.That(await Eventually.HoldsAsync(async () => await Host.ScalarAsync<bool>(
            "select (select count(*) from analytics.meeting) = (select count(*) from workflow.meeting)"), 30000), Is.True, "Analytics received the meetings");
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task The_committee_dashboard_shows_the_members_and_a_bar_drills_down_to_the_people_behind_it(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var members = await Host.ScalarAsync<long>(
            "select count(*) from personnel.person where party_status in ('probationary', 'full_member') and relation <> 'transferred_out'");
        var postgraduates = await Host.ScalarAsync<long>("""
            select count(*) from personnel.person
            where party_status in ('probationary', 'full_member') and relation <> 'transferred_out' and left(education, 1) = '1'
            """);
        Assert.That(postgraduates, Is.GreaterThan(0), "the demo has members with a postgraduate education");
        var page = await NewPageAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1600, Height = 1000 } });

        await Ui.SignInAsync(page, await Host.CreateUserAsync(RoleCatalog.CommitteeAdmin, _root));
        await Ui.OpenAsync(page, "analytics", "党委驾驶舱");
        await Expect(page.ById("headline-members")).ToContainTextAsync(members.ToString());

        // The education chart's first bar (研究生): clicked where the chart drew it, as a person would.
        var canvas = page.ById("chart-education").Locator(".analytics-chart__canvas");
        await Expect(canvas).ToHaveAttributeAsync("data-bars", new System.Text.RegularExpressions.Regex(@"^\d+,\d+"));
        var first = (await canvas.GetAttributeAsync("data-bars"))!.Split(';')[0].Split(',').Select(int.Parse).ToArray();
        await canvas.ClickAsync(new LocatorClickOptions { Position = new Position { X = first[0], Y = first[1] } });

        var drawer = page.ById("analytics-drilldown");
        await Expect(drawer).ToContainTextAsync("学历结构：研究生");
        await Expect(page.ById("analytics-drilldown-total")).ToHaveTextAsync($"共 {postgraduates} 人");
        var rows = page.ById("analytics-drilldown-table").Locator(".el-table__body-wrapper tbody tr");
        await Expect(rows).ToHaveCountAsync((int)Math.Min(postgraduates, 20));
        await page.Keyboard.PressAsync("Escape");

        var data = await page.RunAndWaitForDownloadAsync(() => page.ById("chart-education-xlsx").ClickAsync());
        var bytes = await File.ReadAllBytesAsync(await data.PathAsync());
        Assert.That(data.SuggestedFilename, Is.EqualTo("学历结构.xlsx"));
        Assert.That(bytes[..2], Is.EqualTo("PK"u8.ToArray()), "an .xlsx file is a zip package");
        var picture = await page.RunAndWaitForDownloadAsync(() => page.ById("chart-education-png").ClickAsync());
        var png = await File.ReadAllBytesAsync(await picture.PathAsync());
        Assert.That(png[1..4], Is.EqualTo("PNG"u8.ToArray()), "the chart's picture is a PNG");
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task The_heat_map_shows_the_branches_and_a_cell_drills_down_to_its_meetings(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var year = DateTime.UtcNow.AddHours(8).Year;
        var firstBranch = (await Host.ScalarAsync<string>("""
            select name from analytics.organization where status = 'active' and type in ('branch', 'joint_branch', 'temporary_branch')
            order by name collate "zh-x-icu", id limit 1
            """))!;
        var branchId = await Host.ScalarAsync<Guid>("select id from analytics.organization where name = @n", ("n", firstBranch));
        var user = await Host.CreateUserAsync(RoleCatalog.CommitteeAdmin, _root);
        using var api = Host.Client();
        await api.SignInAsync(user);
        var expected = (await api.GetJsonAsync<System.Text.Json.JsonElement>($"/api/analytics/compliance/meetings?branchId={branchId}&year={year}&month=1"))
            .GetArrayLength();
        Assert.That(expected, Is.GreaterThan(0), "January's monthly meetings were held");
        var page = await NewPageAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1600, Height = 1000 } });

        await Ui.SignInAsync(page, user);
        await Ui.OpenAsync(page, "analytics", "党委驾驶舱");
        var heatMap = page.ById("chart-complianceHeatMap");
        await heatMap.ScrollIntoViewIfNeededAsync();
        await Expect(heatMap).ToContainTextAsync("组织生活合规热力图");

        // The first branch's January cell, clicked where the chart drew it.
        var canvas = page.ById("heatmap-canvas");
        await Expect(canvas).ToHaveAttributeAsync("data-cells", new System.Text.RegularExpressions.Regex(@"^0,1,\d+,\d+"));
        var cell = (await canvas.GetAttributeAsync("data-cells"))!.Split(';')[0].Split(',').Select(int.Parse).ToArray();
        await canvas.ClickAsync(new LocatorClickOptions { Position = new Position { X = cell[2], Y = cell[3] } });

        var drawer = page.ById("heatmap-cell");
        await Expect(drawer).ToContainTextAsync($"{firstBranch} · {year}年1月");
        await Expect(page.ById("heatmap-cell-quotas").Locator(".el-table__body-wrapper tbody tr").First).ToBeVisibleAsync();
        await Expect(page.ById("heatmap-cell-meetings").Locator(".el-table__body-wrapper tbody tr")).ToHaveCountAsync(expected);
        await page.Keyboard.PressAsync("Escape");

        await Expect(page.ById("dues-rate")).ToContainTextAsync("全年收缴率");
        var data = await page.RunAndWaitForDownloadAsync(() => page.ById("chart-complianceHeatMap-xlsx").ClickAsync());
        Assert.That(data.SuggestedFilename, Is.EqualTo($"组织生活合规热力图-{year}.xlsx"));
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task The_people_section_shows_members_by_occupation_and_a_bar_drills_down_to_them(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        // The lowest occupation code any member's current post carries, and how many members have it.
        var (code, count) = (await Host.ScalarAsync<string>("""
            select occupation || '/' || people from (select post.occupation, count(*) as people from personnel.person p
            cross join lateral (
                select r.data->>'occupation' as occupation from personnel.person_record r
                where r.person_id = p.id and r.set_kind = 'post' and r.removed_at is null and r.valid_to is null
                order by r.valid_from desc nulls last, r.id limit 1) post
            where p.party_status in ('probationary', 'full_member') and p.relation <> 'transferred_out' and post.occupation is not null
            group by 1) o order by occupation limit 1
            """))!.Split('/') is var parts ? (parts[0], long.Parse(parts[1])) : default;
        var names = new Dictionary<string, string> { ["3"] = "专业技术人员", ["4"] = "企事业单位管理人员", ["5"] = "党政机关工作人员" };
        var page = await NewPageAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1600, Height = 1000 } });

        await Ui.SignInAsync(page, await Host.CreateUserAsync(RoleCatalog.CommitteeAdmin, _root));
        await Ui.OpenAsync(page, "analytics", "党委驾驶舱");
        var chart = page.ById("chart-occupation");
        await chart.ScrollIntoViewIfNeededAsync();
        await Expect(chart).ToContainTextAsync("党员职业");
        var canvas = chart.Locator(".analytics-chart__canvas");
        await Expect(canvas).ToHaveAttributeAsync("data-bars", new System.Text.RegularExpressions.Regex(@"^\d+,\d+"));
        // The chart lists the eight occupations in code order (empty bars included), so the code's bar is at code − 1.
        var bar = (await canvas.GetAttributeAsync("data-bars"))!.Split(';')[int.Parse(code) - 1].Split(',').Select(int.Parse).ToArray();
        await canvas.ClickAsync(new LocatorClickOptions { Position = new Position { X = bar[0], Y = bar[1] } });

        await Expect(page.ById("analytics-drilldown")).ToContainTextAsync($"党员职业：{names[code]}");
        await Expect(page.ById("analytics-drilldown-total")).ToHaveTextAsync($"共 {count} 人");
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task The_usage_board_ranks_the_branches_of_the_quarter(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var user = await Host.CreateUserAsync(RoleCatalog.CommitteeAdmin, _root);
        using var api = Host.Client();
        await api.SignInAsync(user);
        var top = (await api.GetJsonAsync<System.Text.Json.JsonElement>("/api/analytics/usage-board")).GetProperty("items")[0];
        var page = await NewPageAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1600, Height = 1000 } });

        await Ui.SignInAsync(page, user);
        await Ui.OpenAsync(page, "analytics-usage", "应用情况公示");
        var first = page.ById("usage-table").Locator(".el-table__body-wrapper tbody tr").First;
        await Expect(first.Locator("td").Nth(0)).ToHaveTextAsync("1");
        await Expect(first.Locator("td").Nth(1)).ToHaveTextAsync(top.GetProperty("name").GetString()!);
        await Expect(first.Locator("td").Nth(6)).ToHaveTextAsync(top.GetProperty("signedInAccounts").GetInt32().ToString());
        await Expect(first.Locator("td").Nth(7)).ToHaveTextAsync(top.GetProperty("signIns").GetInt32().ToString());
        await Expect(first.Locator("td").Nth(9)).ToHaveTextAsync((top.GetProperty("score").GetDecimal() * 100).ToString("0.0"));
        await Expect(page.ById("usage-table").Locator("thead")).ToContainTextAsync("登录次数");

        var data = await page.RunAndWaitForDownloadAsync(() => page.ById("usage-xlsx").ClickAsync());
        Assert.That(data.SuggestedFilename, Does.StartWith("应用情况公示 ").And.EndWith(".xlsx"));
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task The_annual_report_shows_democratic_evaluation_per_organisation_and_downloads_the_xlsx(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var user = await Host.CreateUserAsync(RoleCatalog.CommitteeAdmin, _root);
        using var api = Host.Client();
        await api.SignInAsync(user);
        var year = DateTime.UtcNow.AddHours(8).Year - 1;
        Assert.That(await Eventually.HoldsAsync(() => Host.ScalarAsync<bool>("""
            select count(*) > 0 and count(*) = (select count(*) from analytics.review_grade)
            from workflow.evaluation_result e join workflow.evaluation_round r on r.id = e.round_id where r.kind = 'democratic_review' and r.valid
            """), 30000), Is.True, "Analytics received the demo's democratic reviews");
        var reviews = (await api.GetJsonAsync<System.Text.Json.JsonElement>($"/api/analytics/annual-report?year={year}")).GetProperty("tables").EnumerateArray()
            .Single(t => t.GetProperty("key").GetString() == "democratic_review");
        var first = reviews.GetProperty("rows")[0];
        var page = await NewPageAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1600, Height = 1000 } });

        await Ui.SignInAsync(page, user);
        await Ui.OpenAsync(page, "analytics-report", "党内统计年报");
        var table = page.ById("report-table-democratic_review");
        await Expect(table).ToContainTextAsync("表7 民主评议党员");
        await Expect(table.Locator("thead")).ToContainTextAsync("基本合格");
        var rows = table.Locator(".el-table__body-wrapper tbody tr");
        await Expect(rows).ToHaveCountAsync(reviews.GetProperty("rows").GetArrayLength() + 1);
        await Expect(rows.Nth(0).Locator("td").Nth(1)).ToHaveTextAsync(reviews.GetProperty("values")[0].GetDecimal().ToString());
        await Expect(rows.Nth(1).Locator("td").Nth(0)).ToHaveTextAsync(first.GetProperty("name").GetString()!);
        await Expect(rows.Nth(1).Locator("td").Nth(1)).ToHaveTextAsync(first.GetProperty("values")[0].GetDecimal().ToString());
        await Expect(page.ById("report-checks")).Not.ToContainTextAsync("不通过");

        var data = await page.RunAndWaitForDownloadAsync(() => page.ById("report-xlsx").ClickAsync());
        Assert.That(data.SuggestedFilename, Is.EqualTo($"annual-report-{year}.xlsx"));
    }
}
