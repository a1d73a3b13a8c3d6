using Microsoft.Playwright;
using NUnit.Framework;
using RedSail.Platform.Access;
using static Microsoft.Playwright.Assertions;

namespace RedSail.BrowserTests;

/// <summary>
/// The honour library end to end: a branch secretary proposes an honour for a member, the committee administrator returns it
/// with a reason, the branch corrects and resubmits it, the committee approves it, and it is in the library.
/// </summary>
[DemoInstitute]
public sealed class HonorsTests : BrowserFixture
{
    private Guid _root;
    private Guid _branch;

    [OneTimeSetUp]
    public async Task SeedInstitute()
    {
        _root = await SeedDemoInstituteAsync();
        // Honors' copy of the tree and the people arrives through the outbox as well.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await Host.ScalarAsync<bool>("""
                   select (select count(*) from honors.organization) = 56 and (select count(*) from honors.person) = (select count(*) from personnel.person)
                   """) && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        _branch = await Host.ScalarAsync<Guid>("select id from personnel.organization where code = 'RS-02'");
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task A_branch_proposes_the_committee_returns_it_with_a_reason_the_branch_resubmits_and_the_approved_honour_is_listed(
        CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        const string title = "优秀共产党员（浏览器测试）";
        var member = await Host.ScalarAsync<string>("""
            select p.name from honors.person p where p.organization_id = @branch and p.party_status = 'full_member'
            group by p.name having count(*) = 1 order by p.name limit 1
            """, ("branch", _branch));

        var branch = await NewPageAsync();
        await Ui.SignInAsync(branch, await Host.CreateUserAsync(RoleCatalog.BranchSecretary, _branch));
        await Ui.OpenAsync(branch, "honors", "荣誉库");
        await branch.ById("honour-propose").ClickAsync();
        await branch.ChooseAsync("honour-person", member!);
        await Expect(branch.ById("honour-title")).ToHaveValueAsync("优秀共产党员");
        await branch.ById("honour-title").FillAsync(title);
        await branch.ById("honour-body").FillAsync("中共红帆研究院委员会");
        await branch.FillDateAsync("honour-awarded-on", $"{InstitutionToday.Year - 1}-06-28");
        await branch.ById("honour-submit").ClickAsync();
        var drawer = branch.ById("honour-drawer");
        await Expect(drawer.GetByTestId("honour-drawer-status")).ToHaveTextAsync("待审核");
        await Expect(drawer.GetByTestId("honour-drawer-holder")).ToHaveTextAsync(member!);
        await branch.Keyboard.PressAsync("Escape");

        var committee = await NewPageAsync();
        await Ui.SignInAsync(committee, await Host.CreateUserAsync(RoleCatalog.CommitteeAdmin, _root));
        await Ui.OpenAsync(committee, "honor-approvals", "荣誉审核");
        var queued = committee.ById("approval-table").Locator("tr").Filter(new() { HasText = title });
        await queued.GetByTestId("approval-reject").ClickAsync();
        await committee.ById("reason-submit").ClickAsync();
        await Expect(committee.FieldError("reason-input")).Not.ToBeEmptyAsync();
        await committee.ById("reason-input").FillAsync("请补充表彰文件的文号");
        await committee.ById("reason-submit").ClickAsync();
        await Expect(queued).ToHaveCountAsync(0);

        await branch.ChooseAsync("honour-filter-status", "已退回");
        await branch.ById("honour-search").ClickAsync();
        var returned = branch.ById("honour-table").Locator("tr").Filter(new() { HasText = title });
        await Expect(returned.GetByTestId("honour-status")).ToHaveTextAsync("已退回");
        await returned.ClickAsync();
        await Expect(drawer.GetByTestId("honour-drawer-rejection")).ToHaveTextAsync("请补充表彰文件的文号");
        await drawer.GetByTestId("honour-edit").ClickAsync();
        // the proposal dialog of the list stays in the page, closed: work in the one open
        var editing = branch.Locator(".el-dialog:visible");
        await editing.GetByTestId("honour-document-number").FillAsync($"院党发〔{InstitutionToday.Year - 1}〕12号");
        await editing.GetByTestId("honour-submit").ClickAsync();
        await Expect(drawer.GetByTestId("honour-drawer-status")).ToHaveTextAsync("待审核");
        await Expect(drawer.GetByTestId("honour-history")).ToHaveCountAsync(3);
        await Expect(drawer.GetByTestId("honour-history").Nth(1)).ToContainTextAsync("请补充表彰文件的文号");

        await committee.ReloadAsync();
        await queued.GetByTestId("approval-approve").ClickAsync();
        await committee.Locator(".el-message-box__btns").GetByRole(AriaRole.Button, new() { Name = "确定" }).ClickAsync();
        await Expect(queued).ToHaveCountAsync(0);

        await Ui.OpenAsync(committee, "honors", "荣誉库");
        var listed = committee.ById("honour-table").Locator("tr").Filter(new() { HasText = title });
        await Expect(listed.GetByTestId("honour-status")).ToHaveTextAsync("已入库");
        await Expect(listed.GetByTestId("honour-holder")).ToHaveTextAsync(member!);
        Assert.That(await Host.ScalarAsync<long>("select count(*) from honors.outbox where event_type = 'HonourApproved' and payload->>'title' = @title",
            ("title", title)), Is.EqualTo(1L));
    }
}
