using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using NUnit.Framework;
using RedSail.Platform.Access;
using RedSail.Testing;
using static Microsoft.Playwright.Assertions;

namespace RedSail.BrowserTests;

/// <summary>
/// 班子任期 on the organisation page: the committee administrator records a branch's election (换届选举) with its
/// members picked by name, and sees the current term; an election without a quorum is refused at its field; an
/// expired term's members are removed from their posts and added to during the term, one change meeting another's.
/// </summary>
public sealed partial class OrganizationTests
{
    [Test, CancelAfter(TestTimeout)]
    public async Task An_election_recorded_through_the_dialog_shows_the_first_term_with_its_members(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        const string branch = "规划研究所党支部";
        await ForgetDemoTermsAsync(branch);
        var committee = await Host.CreateUserAsync(RoleCatalog.CommitteeAdmin, _root);
        var (secretary, deputy, organizer) = Three(await FullMembersAsync(branch, 3));
        var page = await OpenPageAsync(committee);
        await SelectAsync(page, branch);
        await page.ById("org-tab-committee").ClickAsync();
        await Expect(page.ById("committee-none")).ToBeVisibleAsync();

        await page.ById("committee-elect").ClickAsync();
        var dialog = page.Locator(".el-dialog:visible");
        await Expect(dialog).ToContainTextAsync($"换届选举：{branch}");
        await Expect(page.ById("committee-elect-intro")).ToContainTextAsync("本次选举产生第1届委员会，任期 3 年");
        await page.ById("committee-elect-entitled").Locator("input").FillAsync("10");
        await Expect(page.ById("committee-elect-quorum")).ToContainTextAsync("须至少 9 人到会");
        await page.ById("committee-elect-present").Locator("input").FillAsync("10");
        await Expect(page.ById("committee-elect-quorum")).ToContainTextAsync("选举有效");
        await page.ById("committee-elect-method-competitive").ClickAsync();
        await page.ById("committee-elect-approval").FillAsync("院党委组织部批复〔2026〕3号");

        // The first row is the secretary's; a second secretary is hinted at before anything is sent.
        await page.ChooseAsync("committee-elect-person-0", secretary);
        await page.ById("committee-elect-add-member").ClickAsync();
        await page.ChooseAsync("committee-elect-person-1", deputy);
        await page.ChooseAsync("committee-elect-post-1", "书记");
        await Expect(page.ById("committee-elect-secretary")).ToHaveTextAsync("只能有一名书记。");
        await page.ChooseAsync("committee-elect-post-1", "副书记");
        await Expect(page.ById("committee-elect-secretary")).ToHaveCountAsync(0);

        // Ten members elect a committee of three to seven: two are refused under the members, and nothing is saved.
        var tooFew = await page.RunAndWaitForResponseAsync(() => page.ById("committee-elect-submit").ClickAsync(),
            r => r.Url.EndsWith("/committee-terms", StringComparison.Ordinal) && r.Request.Method == "POST");
        Assert.That(tooFew.Status, Is.EqualTo(400), await tooFew.TextAsync());
        await Expect(page.FieldError("committee-elect-add-member")).ToContainTextAsync("委员应为 3 至 7 人");
        Assert.That(await TermsAsync(branch), Is.Zero);

        await page.ById("committee-elect-add-member").ClickAsync();
        await page.ChooseAsync("committee-elect-person-2", organizer);
        await page.ChooseAsync("committee-elect-post-2", "组织委员");
        var elected = await page.RunAndWaitForResponseAsync(() => page.ById("committee-elect-submit").ClickAsync(),
            r => r.Url.EndsWith("/committee-terms", StringComparison.Ordinal) && r.Request.Method == "POST");
        Assert.That(elected.Status, Is.EqualTo(201), await elected.TextAsync());
        await Expect(dialog).ToHaveCountAsync(0);

        await Expect(page.ById("committee-current-number")).ToHaveTextAsync("第1届委员会");
        await Expect(page.ById("committee-current-state")).ToHaveTextAsync("任期内");
        await Expect(page.ById("committee-current-ends")).ToHaveTextAsync(InstitutionToday.AddYears(3).ToString("yyyy-MM-dd"));
        await Expect(page.ById("committee-current-record")).ToContainTextAsync("应到 10 人，实到 10 人");
        await Expect(page.ById("committee-current-record")).ToContainTextAsync("差额选举");
        await Expect(page.ById("committee-current-record")).ToContainTextAsync("院党委组织部批复〔2026〕3号");
        var rows = page.ById("committee-current-members").Locator(".el-table__body tr");
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(rows.Filter(new() { HasText = secretary })).ToContainTextAsync("书记");
        await Expect(rows.Filter(new() { HasText = deputy })).ToContainTextAsync("副书记");
        await Expect(rows.Filter(new() { HasText = organizer })).ToContainTextAsync("组织委员");
        Assert.That(await TermsAsync(branch), Is.EqualTo(1));
        Assert.That(await Host.ScalarAsync<string>("""
            select string_agg(p.name || ':' || m.post, ',' order by m.post) from personnel.committee_member m
            join personnel.person p on p.id = m.person_id join personnel.committee_term t on t.id = m.term_id
            join personnel.organization o on o.id = t.organization_id where o.name = @branch
            """, ("branch", branch)), Is.EqualTo($"{deputy}:deputy_secretary,{organizer}:organization,{secretary}:secretary"));

        // The organisation's history tells of the election.
        await page.ById("org-tab-history").ClickAsync();
        await Expect(page.ById("org-history").Locator(".el-timeline-item").First).ToContainTextAsync("选举产生第1届委员会，委员 3 名");
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task An_election_with_too_few_present_is_refused_at_the_attendance_and_nothing_is_saved(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        const string branch = "测绘技术所党支部";
        await ForgetDemoTermsAsync(branch);
        var committee = await Host.CreateUserAsync(RoleCatalog.CommitteeAdmin, _root);
        var (secretary, deputy, organizer) = Three(await FullMembersAsync(branch, 3));
        var page = await OpenPageAsync(committee);
        await SelectAsync(page, branch);
        await page.ById("org-tab-committee").ClickAsync();

        await page.ById("committee-elect").ClickAsync();
        await page.ById("committee-elect-entitled").Locator("input").FillAsync("10");
        await page.ById("committee-elect-present").Locator("input").FillAsync("8");
        await Expect(page.ById("committee-elect-quorum")).ToContainTextAsync("到会人数不足：须至少 9 人到会");
        await page.ById("committee-elect-method-equal").ClickAsync();
        await page.ChooseAsync("committee-elect-person-0", secretary);
        await page.ById("committee-elect-add-member").ClickAsync();
        await page.ChooseAsync("committee-elect-person-1", deputy);
        await page.ChooseAsync("committee-elect-post-1", "副书记");
        await page.ById("committee-elect-add-member").ClickAsync();
        await page.ChooseAsync("committee-elect-person-2", organizer);
        await page.ChooseAsync("committee-elect-post-2", "宣传委员");

        var refused = await page.RunAndWaitForResponseAsync(() => page.ById("committee-elect-submit").ClickAsync(),
            r => r.Url.EndsWith("/committee-terms", StringComparison.Ordinal) && r.Request.Method == "POST");
        Assert.That(refused.Status, Is.EqualTo(400), await refused.TextAsync());
        await Expect(page.FieldError("committee-elect-present")).ToHaveTextAsync("实到会人数须超过应到会人数的 80%，选举方为有效。");
        await Expect(page.ById("form-dialog-error")).ToHaveCountAsync(0);
        await Expect(page.Locator(".el-dialog:visible")).ToHaveCountAsync(1);
        Assert.That(await TermsAsync(branch), Is.Zero);

        await page.Locator(".el-dialog:visible").GetByRole(AriaRole.Button, new() { Name = "取消" }).ClickAsync();
        await Expect(page.ById("committee-none")).ToBeVisibleAsync();
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task Members_leave_and_join_an_expired_term_with_their_reasons_and_a_stale_change_reloads(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        const string branch = "调查监测所党支部";
        await ForgetDemoTermsAsync(branch);
        var committee = await Host.CreateUserAsync(RoleCatalog.CommitteeAdmin, _root);
        var names = await FullMembersAsync(branch, 4);
        var (secretary, deputy, organizer) = Three(names);
        var newcomer = names[3];
        using var api = Host.Client();
        await api.SignInAsync(committee);
        // Elected three years and ten days ago: the term has run out without the next election.
        var electedOn = InstitutionToday.AddYears(-3).AddDays(-10);
        var termId = await ElectAsync(api, branch, electedOn, (secretary, "secretary"), (deputy, "deputy_secretary"), (organizer, "organization"));

        var page = await OpenPageAsync(committee);
        await SelectAsync(page, branch);
        await page.ById("org-tab-committee").ClickAsync();
        await Expect(page.ById("committee-current-number")).ToHaveTextAsync("第1届委员会");
        await Expect(page.ById("committee-current-state")).ToHaveTextAsync("已届满");
        await Expect(page.ById("committee-current-days")).ToContainTextAsync("已超过届满日");
        var sitting = page.ById("committee-current-members").Locator(".el-table__body tr");
        await Expect(sitting).ToHaveCountAsync(3);

        // 免去职务: the reason is required; the member then shows under 届中离任 with it.
        await sitting.Filter(new() { HasText = organizer }).GetByTestId("committee-end-member").ClickAsync();
        await Expect(page.Locator(".el-dialog:visible")).ToContainTextAsync($"免去职务：{organizer}（组织委员）");
        await page.ById("committee-end-submit").ClickAsync();
        await Expect(page.FieldError("committee-end-reason")).ToHaveTextAsync("请填写原因");
        await page.ById("committee-end-reason").FillAsync("工作调动，调往院机关");
        var ended = await page.RunAndWaitForResponseAsync(() => page.ById("committee-end-submit").ClickAsync(),
            r => r.Url.EndsWith("/end", StringComparison.Ordinal));
        Assert.That(ended.Status, Is.EqualTo(200), await ended.TextAsync());
        await Expect(page.Locator(".el-dialog:visible")).ToHaveCountAsync(0);
        await Expect(sitting).ToHaveCountAsync(2);
        await Expect(page.ById("committee-current-left")).ToContainTextAsync(organizer);
        await Expect(page.ById("committee-current-left")).ToContainTextAsync("工作调动，调往院机关");

        // 增补委员, while another administrator removes the deputy: the stale change reloads and goes through when sent again.
        await page.ById("committee-add-member").ClickAsync();
        await page.ChooseAsync("committee-add-person", newcomer);
        await page.ChooseAsync("committee-add-post", "组织委员");
        await page.ById("committee-add-reason").FillAsync("支部大会补选");
        var version = await Host.ScalarAsync<long>("select version from personnel.committee_term where id = @id", ("id", termId));
        var deputySeat = await Host.ScalarAsync<Guid>("""
            select m.id from personnel.committee_member m join personnel.person p on p.id = m.person_id
            where m.term_id = @id and p.name = @name
            """, ("id", termId), ("name", deputy));
        await ApiClient.EnsureAsync(await api.PostAsync($"/api/personnel/committee-terms/{termId}/members/{deputySeat}/end",
            new { version, toOn = InstitutionToday.ToString("yyyy-MM-dd"), reason = "退休" }), HttpStatusCode.OK);

        var stale = await page.RunAndWaitForResponseAsync(() => page.ById("committee-add-submit").ClickAsync(),
            r => r.Url.EndsWith($"/committee-terms/{termId}/members", StringComparison.Ordinal));
        Assert.That(stale.Status, Is.EqualTo(409));
        await Expect(page.ById("form-dialog-error")).ToContainTextAsync("已被他人修改，已刷新");
        await Expect(page.ById("committee-current-left")).ToContainTextAsync(deputy); // the page shows the other change
        var added = await page.RunAndWaitForResponseAsync(() => page.ById("committee-add-submit").ClickAsync(),
            r => r.Url.EndsWith($"/committee-terms/{termId}/members", StringComparison.Ordinal));
        Assert.That(added.Status, Is.EqualTo(200), await added.TextAsync());
        await Expect(page.Locator(".el-dialog:visible")).ToHaveCountAsync(0);
        await Expect(sitting).ToHaveCountAsync(2);
        await Expect(sitting.Filter(new() { HasText = newcomer })).ToContainTextAsync("组织委员");
        await Expect(sitting.Filter(new() { HasText = secretary })).ToContainTextAsync("书记");

        // The next election ends the term: it moves to 历届委员会 with everyone who sat on it and why they left.
        await ElectAsync(api, branch, InstitutionToday, (secretary, "secretary"), (newcomer, "deputy_secretary"), (organizer, "organization"));
        await page.ReloadAsync();
        await SelectAsync(page, branch);
        await page.ById("org-tab-committee").ClickAsync();
        await Expect(page.ById("committee-current-number")).ToHaveTextAsync("第2届委员会");
        await Expect(page.ById("committee-current-state")).ToHaveTextAsync("任期内");
        var earlier = page.ById("committee-earlier");
        await Expect(earlier).ToContainTextAsync("第1届委员会");
        await earlier.GetByText("第1届委员会").ClickAsync();
        var earlierRows = earlier.Locator(".el-table__body tr");
        await Expect(earlierRows).ToHaveCountAsync(4);
        await Expect(earlierRows.Filter(new() { HasText = organizer })).ToContainTextAsync("工作调动，调往院机关");
        await Expect(earlierRows.Filter(new() { HasText = deputy })).ToContainTextAsync("退休");
        await Expect(earlierRows.Filter(new() { HasText = secretary })).ToContainTextAsync("任期届满（换届）");
    }

    /// <summary>Full members of a demo branch with names no one else there has (they are picked by name in the UI), by name.</summary>
    private async Task<string[]> FullMembersAsync(string branch, int count)
    {
        var names = (await Host.ScalarAsync<string>("""
            select string_agg(name, '|' order by name) from (
                select p.name from personnel.person p join personnel.organization o on o.id = p.organization_id
                where o.name = @branch and p.party_status = 'full_member' and p.relation <> 'transferred_out'
                group by p.name having count(*) = 1 order by p.name limit @count) unique_names
            """, ("branch", branch), ("count", count)))!.Split('|');
        Assert.That(names, Has.Length.EqualTo(count), $"full members of {branch} in the demo data");
        return names;
    }

    private static (string, string, string) Three(string[] names) => (names[0], names[1], names[2]);

    /// <summary>The demo gives most branches a committee; these tests start from a branch that has never recorded an election.</summary>
    private Task ForgetDemoTermsAsync(string branch) => Host.ExecuteAsync($"""
        delete from personnel.committee_member where term_id in (select t.id from personnel.committee_term t
            join personnel.organization o on o.id = t.organization_id where o.name = '{branch}');
        delete from personnel.committee_term where organization_id = (select id from personnel.organization where name = '{branch}');
        """);

    private Task<long> TermsAsync(string branch) => Host.ScalarAsync<long>("""
        select count(*) from personnel.committee_term t join personnel.organization o on o.id = t.organization_id where o.name = @branch
        """, ("branch", branch));

    /// <summary>Records an election through the API (everyone present), members by name; returns the term's id.</summary>
    private async Task<Guid> ElectAsync(ApiClient api, string branch, DateOnly electedOn, params (string Name, string Post)[] members)
    {
        var organizationId = await Host.ScalarAsync<Guid>("select id from personnel.organization where name = @branch", ("branch", branch));
        var seats = new List<object>();
        foreach (var (name, post) in members)
            seats.Add(new
            {
                personId = await Host.ScalarAsync<Guid>("select id from personnel.person where name = @name and organization_id = @org and party_status = 'full_member'",
                    ("name", name), ("org", organizationId)),
                post,
            });
        var response = await api.PostAsync($"/api/personnel/organizations/{organizationId}/committee-terms", new
        {
            electedOn = electedOn.ToString("yyyy-MM-dd"), entitledVoters = 10, presentVoters = 10, electionMethod = "equal", members = seats,
        });
        await ApiClient.EnsureAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("termId").GetGuid();
    }
}
