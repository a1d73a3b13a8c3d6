using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using RedSail.BuildingBlocks;
using RedSail.Platform.Access;
using RedSail.Testing;
using static Microsoft.Playwright.Assertions;

namespace RedSail.BrowserTests;

/// <summary>党费台账: a branch secretary generates the month's dues and pays the whole branch-month from the ledger.</summary>
[DemoInstitute]
public sealed class WorkflowDuesTests : BrowserFixture
{
    private Guid _branch;

    [OneTimeSetUp]
    public async Task SeedInstitute()
    {
        await SeedDemoInstituteAsync();
        Assert.That(await Eventually.HoldsAsync(() => Host.ScalarAsync<bool>(
            "select (select count(*) from workflow.person) = (select count(*) from personnel.person) and (select count(*) from workflow.person) > 0"), 30_000),
            Is.True, "Workflow's roster caught up with Personnel");
        _branch = await Host.ScalarAsync<Guid>("select id from personnel.organization where code = 'RS-09'");
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task Paying_a_branch_month_in_the_ledger_turns_its_cells_paid(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var today = Host.Services.GetRequiredService<IClock>().Today;
        var month = new DateOnly(today.Year, today.Month, 1);
        // Every member of the branch on 3,000 yuan from this month: 15.00 a month each.
        await Host.ExecuteAsync($"""
            insert into workflow.dues_base (person_id, month, category, base, source)
            select id, date '{month:yyyy-MM-dd}', 'in_service', 3000, 'entered' from workflow.person
            where organization_id = '{_branch}' and party_status in ('probationary', 'full_member') and relation <> 'transferred_out'
            """);
        var members = await Host.ScalarAsync<long>("select count(*) from workflow.dues_base b join workflow.person p on p.id = b.person_id where p.organization_id = @b",
            ("b", _branch));
        Assert.That(members, Is.GreaterThan(1));

        var secretary = await Host.CreateUserAsync(RoleCatalog.BranchSecretary, _branch);
        var page = await NewPageAsync();
        await Ui.SignInAsync(page, secretary);
        await page.GotoAsync($"/workflow/dues?tab=ledger&organizationId={_branch}");
        await Expect(page.ById("page-title")).ToHaveTextAsync("党费管理");
        var cells = page.ById("ledger-table").GetByTestId($"ledger-cell-{month.Month}");
        // The month may already be due (the periodic generation runs on its own): generating again changes nothing.
        await page.ById("ledger-generate").ClickAsync();
        await Expect(cells.First).ToHaveAttributeAsync("data-status", "due");
        await Expect(page.Locator($"[data-testid='ledger-cell-{month.Month}'][data-status='due']")).ToHaveCountAsync((int)members);

        await page.ById($"ledger-pay-month-{month.Month}").ClickAsync();
        await Expect(page.Locator(".el-message-box")).ToContainTextAsync($"共 {members} 人");
        await page.Locator(".el-message-box .el-button--primary").ClickAsync();
        await Expect(page.Locator($"[data-testid='ledger-cell-{month.Month}'][data-status='paid']")).ToHaveCountAsync((int)members);
        await Expect(cells.First).ToHaveTextAsync("15.00/15.00");
        await Expect(page.ById($"ledger-pay-month-{month.Month}")).ToHaveCountAsync(0);

        Assert.That(await Host.ScalarAsync<decimal>("select sum(amount) from workflow.dues_payment where organization_id = @b", ("b", _branch)),
            Is.EqualTo(15.00m * members));
    }
}
