using Microsoft.Playwright;
using NUnit.Framework;
using RedSail.Platform.Access;
using static Microsoft.Playwright.Assertions;

namespace RedSail.BrowserTests;

/// <summary>Organisational life in the browser: the quick record form and the calendar, the compliance board and its reasons.</summary>
[DemoInstitute]
public sealed class WorkflowMeetingsTests : BrowserFixture
{
    private Guid _root;

    [OneTimeSetUp]
    public async Task SeedInstitute()
    {
        _root = await SeedDemoInstituteAsync();
        // The form's default host and recorder come from the committees: wait for them too, not only the roster.
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!await Host.ScalarAsync<bool>("""
                   select (select count(*) from workflow.person) = (select count(*) from personnel.person)
                      and (select count(*) from workflow.organization) = 56
                      and (select count(*) from workflow.committee_seat) = (select count(*) from personnel.committee_member where to_on is null)
                   """) && DateTime.UtcNow < deadline)
            await Task.Delay(100);
    }

    private async Task<IPage> SignedInAsync(string path, string title, BrowserNewContextOptions? options = null)
    {
        var page = await NewPageAsync(options);
        await Ui.SignInAsync(page, await Host.CreateUserAsync(RoleCatalog.CommitteeAdmin, _root));
        await page.GotoAsync(path);
        await Expect(page.ById("page-title")).ToHaveTextAsync(title);
        return page;
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task A_routine_meeting_is_recorded_in_the_quick_form_and_shows_in_the_calendar(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var page = await SignedInAsync("/workflow/meetings", "组织生活");
        await page.ById("org-tree").GetByText("机关第一党支部", new() { Exact = true }).ClickAsync();

        await page.ById("meeting-record").ClickAsync();
        await Expect(page.ById("meeting-attendees").Locator(".el-checkbox")).Not.ToHaveCountAsync(0);
        var attendees = await page.ById("meeting-attendees").Locator(".el-checkbox").CountAsync();
        await page.ChooseAsync("meeting-type", "主题党日");
        await page.ById("meeting-place").FillAsync("党员活动室");
        await page.ById("meeting-topic").FillAsync("重温入党誓词");
        // Everyone starts present: one was away on business (excused), one simply did not come (absent).
        var checkboxes = page.ById("meeting-attendees").Locator(".el-checkbox");
        await checkboxes.Nth(0).ClickAsync();
        await page.ById("attendee-excused").First.ClickAsync();
        await page.ById("attendee-reason").FillAsync("出差");
        await checkboxes.Nth(1).ClickAsync();
        await Expect(page.ById("meeting-present-count")).ToHaveTextAsync($"出席 {attendees - 2}/{attendees}");
        await page.ById("meeting-submit").ClickAsync();

        await Expect(page.ById("meeting-drawer-topic")).ToHaveTextAsync("重温入党誓词");
        await Expect(page.ById("meeting-attendance")).ToContainTextAsync("（出差）");
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.ById("meetings-calendar").GetByTestId("calendar-meeting").Filter(new() { HasText = "主题党日" })).ToHaveCountAsync(1);
        Assert.That(await Host.ScalarAsync<string>("""
            select m.type || ' ' || m.present || '/' || m.expected || ' ' || (select count(*) from workflow.meeting_attendance a where a.meeting_id = m.id and a.status = 'excused')
            from workflow.meeting m
            """), Is.EqualTo($"theme_day {attendees - 2}/{attendees} 1"));
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task The_compliance_board_shows_a_branch_without_meetings_in_red_with_its_reasons(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var page = await SignedInAsync("/workflow/compliance", "合规看板");
        var lastYear = InstitutionToday.Year - 1;
        await page.ChooseAsync("compliance-year", lastYear.ToString());

        var cell = page.ById("compliance-cell-信息中心党支部-3");
        await Expect(cell).ToHaveAttributeAsync("data-status", "red");
        await cell.ClickAsync();
        var reasons = page.ById("compliance-reasons");
        await Expect(reasons).ToContainTextAsync("主题党日");
        await Expect(reasons).ToContainTextAsync("支部党员大会");
        await Expect(reasons).ToContainTextAsync("已开 0 / 应开 1");
        await Expect(reasons).ToContainTextAsync($"考核期 {lastYear}-01-01 至 {lastYear}-03-31");
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task On_a_phone_the_calendar_and_the_board_fit_the_screen(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var page = await SignedInAsync("/workflow/meetings", "组织生活", Phone);
        await Expect(page.ById("meetings-calendar")).ToBeVisibleAsync();
        Assert.That(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), Is.LessThanOrEqualTo(390), "calendar at 390 px");
        await page.GotoAsync("/workflow/compliance");
        await Expect(page.ById("compliance-cell-信息中心党支部-1")).ToBeAttachedAsync();
        Assert.That(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), Is.LessThanOrEqualTo(390), "board at 390 px");
    }
}
