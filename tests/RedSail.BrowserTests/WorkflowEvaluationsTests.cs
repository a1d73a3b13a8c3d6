using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NUnit.Framework;
using RedSail.Platform.Access;
using static Microsoft.Playwright.Assertions;

namespace RedSail.BrowserTests;

/// <summary>「我的投票」 on a phone: a member grades everyone of their branch (民主评议党员), submits once, and sees only 已投票.</summary>
[DemoInstitute]
public sealed class WorkflowEvaluationsTests : BrowserFixture
{
    private Guid _root;
    private Guid _branch;

    [OneTimeSetUp]
    public async Task SeedInstitute()
    {
        _root = await SeedDemoInstituteAsync();
        _branch = await Host.ScalarAsync<Guid>("select id from personnel.organization where code = 'RS-01'");
        // Workflow's roster comes through the outbox: wait until it has everyone.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await Host.ScalarAsync<bool>("select (select count(*) from workflow.person) = (select count(*) from personnel.person)")
               && DateTime.UtcNow < deadline)
            await Task.Delay(100);
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task A_member_casts_a_democratic_review_ballot_on_a_phone(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var today = InstitutionToday;
        Guid round;
        using (var committee = Host.Client())
        {
            await committee.SignInAsync(await Host.CreateUserAsync(RoleCatalog.CommitteeAdmin, _root));
            var opened = await committee.PostAsync("/api/workflow/evaluations/rounds", new
            {
                organizationId = _branch, roundKind = "democratic_review", year = today.Year, votingStartsOn = today, votingEndsOn = today.AddDays(7),
            });
            Assert.That((int)opened.StatusCode, Is.EqualTo(201), await opened.Content.ReadAsStringAsync());
            round = (await opened.Content.ReadFromJsonAsync<Opened>())!.Id;
        }
        var employeeNumber = await Host.ScalarAsync<string>("""
            select employee_number from workflow.person
            where organization_id = @branch and party_status = 'full_member' and employee_number is not null
            order by employee_number limit 1
            """, ("branch", _branch));
        var member = await Host.CreateUserAsync(RoleCatalog.Member, _root, employeeNumber);
        var page = await NewPageAsync(Phone);
        await Ui.SignInAsync(page, member);
        await page.GotoAsync("/me/ballots");

        var card = page.Locator($"[data-testid=ballot-round][data-round-id='{round}']");
        var subjects = card.GetByTestId("ballot-subject");
        await Expect(subjects.First).ToBeVisibleAsync();
        var count = await subjects.CountAsync();
        await Expect(card.GetByTestId("ballot-submit")).ToBeDisabledAsync();
        await Expect(card.GetByTestId("ballot-progress")).ToHaveTextAsync($"已评 0/{count}");

        // One member 优秀 by a tap, everyone else 合格 at once.
        await subjects.First.GetByText("优秀", new() { Exact = true }).TapAsync();
        await Expect(card.GetByTestId("ballot-progress")).ToHaveTextAsync($"已评 1/{count}");
        await card.GetByTestId("ballot-rest-qualified").TapAsync();
        await Expect(card.GetByTestId("ballot-progress")).ToHaveTextAsync($"已评 {count}/{count}");
        var grade = await subjects.First.GetByText("优秀", new() { Exact = true }).BoundingBoxAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(await ScrollWidthAsync(page), Is.LessThanOrEqualTo(390), "the ballot fits 390 px");
            Assert.That(grade!.Height, Is.GreaterThanOrEqualTo(40), "a grade is big enough for a thumb");
        });

        await card.GetByTestId("ballot-submit").TapAsync();
        await Expect(page.Locator(".el-message-box")).ToContainTextAsync("提交后不能修改");
        var cast = await page.RunAndWaitForResponseAsync(() => page.Locator(".el-message-box .el-button--primary").TapAsync(),
            r => r.Url.EndsWith($"/rounds/{round}/ballot", StringComparison.Ordinal) && r.Request.Method == "POST");
        Assert.That(cast.Status, Is.EqualTo(200), await cast.TextAsync());

        await Expect(card.GetByTestId("ballot-voted")).ToContainTextAsync("已投票");
        await Expect(card.GetByTestId("ballot-subject")).ToHaveCountAsync(0);
        await page.ReloadAsync();
        await Expect(card.GetByTestId("ballot-voted")).ToContainTextAsync("已投票");
        await Expect(card.GetByTestId("ballot-submit")).ToHaveCountAsync(0);
        Assert.That(await Host.ScalarAsync<long>("select count(*) from workflow.ballot where round_id = @round", ("round", round)), Is.EqualTo(1));
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task The_committee_sees_a_closed_reviews_grades_and_the_reports_under_way(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        await Host.SendAsync(new RedSail.Modules.Workflow.Contracts.SeedWorkflowDemoData());
        var lastYear = InstitutionToday.Year - 1;
        var page = await NewPageAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await Ui.SignInAsync(page, await Host.CreateUserAsync(RoleCatalog.CommitteeAdmin, _root));
        await page.GotoAsync("/workflow/evaluations");
        var rows = page.ById("rounds-table").Locator(".el-table__body-wrapper tbody tr");
        await Expect(rows.First).ToBeVisibleAsync();

        var review = rows.Filter(new() { HasText = $"{lastYear}年度民主评议党员" }).First;
        await review.GetByTestId("round-results").ClickAsync();
        await Expect(page.ById("results-turnout")).ToContainTextAsync("参与率");
        await Expect(page.ById("results").Locator("canvas")).ToBeVisibleAsync();
        await Expect(page.ById("results-table").GetByTestId("result-grade").First).ToHaveTextAsync(new Regex("^(优秀|合格|基本合格|不合格)$"));
        await page.Keyboard.PressAsync("Escape");

        var annual = rows.Filter(new() { HasText = "述职测评" }).First;
        await annual.GetByTestId("round-reports").ClickAsync();
        var statuses = page.ById("reports-table").GetByTestId("report-status");
        await Expect(statuses.First).ToBeVisibleAsync();
        await Expect(page.ById("reports-table")).ToContainTextAsync("已提交");
        await Expect(page.ById("reports-table")).ToContainTextAsync("已退回");
    }

    private static Task<int> ScrollWidthAsync(IPage page) => page.EvaluateAsync<int>("""
        () => {
          const main = document.querySelector('.el-main');
          const overflow = main ? main.scrollWidth - main.clientWidth : 0;
          return document.documentElement.scrollWidth + Math.max(0, overflow);
        }
        """);

    private sealed record Opened(Guid Id);
}
