using Microsoft.Playwright;
using NUnit.Framework;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Platform.Access;
using RedSail.Testing;
using static Microsoft.Playwright.Assertions;

namespace RedSail.BrowserTests;

/// <summary>The recruitment board (发展党员) and a file's timeline: the branch's work on the demo institute's files.</summary>
[DemoInstitute]
public sealed class WorkflowRecruitmentTests : BrowserFixture
{
    private Guid _root;

    [OneTimeSetUp]
    public async Task SeedInstituteAndFiles()
    {
        _root = await SeedDemoInstituteAsync();
        Assert.That(await Eventually.HoldsAsync(async () => await Host.ScalarAsync<bool>(
            "select (select count(*) from workflow.person) = (select count(*) from personnel.person)"), 30000), Is.True);
        await Host.SendAsync(new SeedWorkflowDemoData());
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task An_overdue_talk_on_the_board_is_completed_from_the_file_page(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var page = await NewPageAsync();
        await Ui.SignInAsync(page, await Host.CreateUserAsync(RoleCatalog.CommitteeAdmin, _root));
        await Ui.OpenAsync(page, "recruitment", "发展党员");

        // Stage 1 (申请入党): the applicants whose talk is overdue show in red.
        await page.ById("recruitment-stage-1").ClickAsync();
        var overdue = page.Locator(".recruitment__card--overdue").First;
        await Expect(overdue).ToContainTextAsync("党组织派人谈话");
        var name = (await overdue.GetByTestId("recruitment-card-name").TextContentAsync())!.Trim();
        await overdue.ClickAsync();

        await Expect(page.ById("page-title")).ToContainTextAsync(name);
        await Expect(page.ById("recruitment-file-next")).ToContainTextAsync("第 2 步");
        await Expect(page.ById("recruitment-next-due")).ToContainTextAsync("已逾期");

        await page.ById("recruitment-complete").ClickAsync();
        var dialog = page.Locator(".el-dialog:visible");
        await Expect(dialog).ToContainTextAsync("完成第 2 步：党组织派人谈话");
        // A date in the future: the server's message under the date.
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        await page.FillDateAsync("recruitment-step-date", today.AddDays(1).ToString("yyyy-MM-dd"));
        await page.ById("recruitment-step-submit").ClickAsync();
        await Expect(page.FieldError("recruitment-step-date")).ToContainTextAsync("不能晚于今天");

        await page.FillDateAsync("recruitment-step-date", today.ToString("yyyy-MM-dd"));
        await page.ById("recruitment-step-opinion").FillAsync("已与申请人谈话，了解其入党动机。");
        await page.ById("recruitment-step-submit").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        await Expect(page.ById("recruitment-file-next")).ToContainTextAsync("第 3 步");
        await Expect(page.ById("recruitment-step-2")).ToContainTextAsync("已与申请人谈话");
        await Expect(page.ById("recruitment-step-2")).ToContainTextAsync("谈话记录");
        Assert.That(await Host.ScalarAsync<long>("""
            select count(*) from workflow.recruitment_step s join workflow.recruitment_file f on f.id = s.file_id
            join workflow.person p on p.id = f.person_id where p.name = @name and s.step = 2 and s.completed_on = @today
            """, ("name", name), ("today", today)), Is.EqualTo(1L));
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task The_board_fits_a_phone(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var page = await NewPageAsync(Phone);
        await Ui.SignInAsync(page, await Host.CreateUserAsync(RoleCatalog.CommitteeAdmin, _root));
        await page.GotoAsync("/workflow/recruitment");
        await Expect(page.ById("recruitment-card").First).ToBeVisibleAsync();
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > document.documentElement.clientWidth + 1");
        Assert.That(overflow, Is.False, "no horizontal scrolling at 390 px");
    }
}
