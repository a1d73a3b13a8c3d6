using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using NUnit.Framework;
using RedSail.Platform.Access;
using static Microsoft.Playwright.Assertions;

namespace RedSail.BrowserTests;

/// <summary>A branch secretary reports a committee task's completion with evidence, in the plans page.</summary>
[DemoInstitute]
public sealed class WorkflowPlansTests : BrowserFixture
{
    private Guid _root;
    private Guid _branch;

    [OneTimeSetUp]
    public async Task SeedInstitute()
    {
        _root = await SeedDemoInstituteAsync();
        // Workflow's copy of the tree and the people arrives through the outbox as well.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await Host.ScalarAsync<bool>("""
                   select (select count(*) from workflow.organization) = 56 and (select count(*) from workflow.person) = (select count(*) from personnel.person)
                   """) && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        _branch = await Host.ScalarAsync<Guid>("select id from personnel.organization where code = 'RS-01'");
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task A_branch_secretary_reports_a_task_done_with_evidence_and_the_committee_sees_it_awaiting_review(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var year = InstitutionToday.Year;
        using (var committee = Host.Client())
        {
            await committee.SignInAsync(await Host.CreateUserAsync(RoleCatalog.CommitteeAdmin, _root));
            var plan = await committee.Http.PostAsJsonAsync("/api/workflow/plans", new { organizationId = _root, year, title = $"{year}年党建工作要点" });
            var planId = (await plan.Content.ReadFromJsonAsync<IdBody>())!.Id;
            var added = await committee.PostAsync($"/api/workflow/plans/{planId}/tasks",
                new { title = "开展党纪学习教育", expectedResult = "学习记录两份", dueOn = $"{year}-12-31", ownerOrganizationIds = new[] { _branch } });
            Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That((await committee.PostAsync($"/api/workflow/plans/{planId}/publish", new { version = 1 })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var page = await NewPageAsync();
        await Ui.SignInAsync(page, await Host.CreateUserAsync(RoleCatalog.BranchSecretary, _branch));
        await Ui.OpenAsync(page, "plans", "年度计划");
        var row = page.ById("plan-tasks").Locator("tr").Filter(new() { HasText = "开展党纪学习教育" });
        await Expect(row.GetByTestId("task-status")).ToHaveTextAsync("待完成");

        await row.GetByTestId("task-report").ClickAsync();
        await page.ById("report-note").FillAsync("组织全体党员两次集中学习，形成学习记录");
        await page.ById("report-files").SetInputFilesAsync(new FilePayload
        {
            Name = "学习记录.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%学习记录\n"u8.ToArray(),
        });
        await page.ById("report-submit").ClickAsync();

        await Expect(row.GetByTestId("task-status")).ToHaveTextAsync("待审核");
        await row.GetByTestId("task-detail").ClickAsync();
        var drawer = page.ById("task-drawer");
        await Expect(drawer.GetByTestId("task-drawer-note")).ToHaveTextAsync("组织全体党员两次集中学习，形成学习记录");
        await Expect(drawer.GetByTestId("task-file")).ToHaveTextAsync("学习记录.pdf");
        await Expect(drawer.GetByTestId("task-history").First).ToContainTextAsync("报告完成");
        Assert.That(await Host.ScalarAsync<bool>("""
            select exists (select 1 from workflow.todo where kind = 'plan_task_review' and closed_at is null and organization_id = @root)
            """, ("root", _root)), Is.True, "the committee's to-do: review the report");
    }

    private sealed record IdBody(Guid Id);
}
