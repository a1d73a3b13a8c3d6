using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using NUnit.Framework;
using RedSail.Host.Startup;
using RedSail.Platform.Access;
using RedSail.Testing;
using static Microsoft.Playwright.Assertions;

namespace RedSail.BrowserTests;

/// <summary>
/// The member's self-service: they see their own record and propose a change; the branch secretary approves or returns it
/// on the review page; the member sees the outcome. And the system administrator links an account to an employee number.
/// </summary>
[DemoInstitute]
public sealed class SelfServiceTests : BrowserFixture
{
    /// <summary>玄武区: an address code the demo data does not use.</summary>
    private const string AddressCode = "320102";
    private const string OldPhone = "13800138000";

    private Guid _root;
    private Guid _branch;

    [OneTimeSetUp]
    public async Task SeedInstitute()
    {
        _root = await SeedDemoInstituteAsync();
        _branch = await Host.ScalarAsync<Guid>("select id from personnel.organization where name = '机关第一党支部'");
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task A_member_proposes_a_new_phone_the_secretary_approves_it_and_the_member_sees_it(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var (name, member) = await MemberAsync();
        var secretary = await Host.CreateUserAsync(RoleCatalog.BranchSecretary, _branch);
        const string newPhone = "13912345678";

        // The member sees their own record in full, and proposes a new phone.
        var memberPage = await NewPageAsync();
        await Ui.SignInAsync(memberPage, member);
        await Expect(memberPage.ById("menu-people")).ToHaveCountAsync(0);
        await Ui.OpenAsync(memberPage, "my-record", "我的档案");
        await Expect(memberPage.ById("my-record-name")).ToHaveTextAsync(name);
        await Expect(memberPage.ById("my-record-phone")).ToHaveTextAsync(OldPhone);
        await Expect(memberPage.ById("my-record-status")).ToHaveTextAsync("正式党员");
        await Expect(memberPage.ById("my-record-organization")).ToHaveTextAsync("机关第一党支部");

        await memberPage.ById("my-record-apply").ClickAsync();
        await Expect(memberPage.ById("propose-phone")).ToHaveValueAsync(OldPhone);
        await memberPage.ById("propose-phone").FillAsync("12345");
        await memberPage.ById("propose-submit").ClickAsync();
        await Expect(memberPage.FieldError("propose-phone")).ToContainTextAsync("应为 11 位手机号或带区号的固定电话");

        await memberPage.ById("propose-phone").FillAsync(newPhone);
        await memberPage.ById("propose-note").FillAsync("换了手机号");
        var proposed = await memberPage.RunAndWaitForResponseAsync(() => memberPage.ById("propose-submit").ClickAsync(),
            r => r.Url.EndsWith("/api/personnel/me/proposals", StringComparison.Ordinal) && r.Request.Method == "POST");
        Assert.That(proposed.Status, Is.EqualTo(201), await proposed.TextAsync());
        Assert.That(proposed.Request.PostData, Is.EqualTo($$"""{"phone":"{{newPhone}}","note":"换了手机号"}"""), "only what changed is sent");
        await Expect(memberPage.Locator(".el-dialog:visible")).ToHaveCountAsync(0);
        await Expect(memberPage.ById("my-record-apply")).ToBeDisabledAsync();
        await Expect(memberPage.ById("my-record-pending")).ToBeVisibleAsync();
        await Expect(memberPage.ById("my-record-proposal-status").First).ToHaveTextAsync("待审核");
        await Expect(memberPage.ById("my-record-phone")).ToHaveTextAsync(OldPhone); // nothing changes before the branch approves

        // The secretary sees that something waits, and what changes — the phone by name only.
        var secretaryPage = await NewPageAsync();
        await Ui.SignInAsync(secretaryPage, secretary);
        await Expect(secretaryPage.ById("menu-badge-change-proposals")).ToHaveTextAsync("1");
        await Ui.OpenAsync(secretaryPage, "change-proposals", "变更审核");
        var row = ProposalRow(secretaryPage, name);
        await Expect(row).ToContainTextAsync("联系电话（已隐藏）");
        await Expect(row).ToContainTextAsync("换了手机号");
        await Expect(row).Not.ToContainTextAsync(newPhone);

        await row.GetByTestId("proposal-approve").ClickAsync();
        await Expect(secretaryPage.Locator(".el-message-box")).ToContainTextAsync(name);
        var decided = await secretaryPage.RunAndWaitForResponseAsync(
            () => secretaryPage.Locator(".el-message-box__btns").GetByRole(AriaRole.Button, new() { Name = "确定" }).ClickAsync(),
            r => r.Url.EndsWith("/decision", StringComparison.Ordinal));
        Assert.That(decided.Status, Is.EqualTo(200), await decided.TextAsync());
        await Expect(row).ToHaveCountAsync(0);
        await Expect(secretaryPage.ById("menu-badge-change-proposals")).ToHaveCountAsync(0);
        await secretaryPage.ById("proposals-tab-approved").ClickAsync();
        await Expect(ProposalRow(secretaryPage, name)).ToContainTextAsync("已通过");

        // The member sees the new phone and the approved proposal, and may propose again.
        await memberPage.ReloadAsync();
        await Expect(memberPage.ById("my-record-phone")).ToHaveTextAsync(newPhone);
        await Expect(memberPage.ById("my-record-proposal-status").First).ToHaveTextAsync("已通过");
        await Expect(memberPage.ById("my-record-apply")).ToBeEnabledAsync();
        await Expect(memberPage.ById("my-record-pending")).ToHaveCountAsync(0);
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task A_decision_someone_else_made_first_reloads_the_list_and_a_return_needs_a_reason_the_member_then_reads(
        CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var (name, member) = await MemberAsync();
        var secretary = await Host.CreateUserAsync(RoleCatalog.BranchSecretary, _branch);
        using var memberApi = Host.Client();
        await memberApi.SignInAsync(member);
        await ProposeAsync(memberApi, new { traits = new { hobbies = "摄影", health = "良好" } });

        var page = await NewPageAsync();
        await Ui.SignInAsync(page, secretary);
        await Ui.OpenAsync(page, "change-proposals", "变更审核");
        var row = ProposalRow(page, name);
        await Expect(row).ToContainTextAsync("兴趣爱好：摄影");
        await Expect(row).ToContainTextAsync("健康状况（已隐藏）");
        await Expect(row).Not.ToContainTextAsync("良好");

        // Someone else returns it while the page shows it: approving it now is refused, said, and the list read again.
        await DecideElsewhereAsync(name);
        await row.GetByTestId("proposal-approve").ClickAsync();
        await page.Locator(".el-message-box__btns").GetByRole(AriaRole.Button, new() { Name = "确定" }).ClickAsync();
        await Expect(page.Locator(".el-message--warning")).ToContainTextAsync("已被他人处理");
        await Expect(row).ToHaveCountAsync(0);

        // Proposed again; returned by this secretary, who must say why.
        await ProposeAsync(memberApi, new { traits = new { hobbies = "打球" } });
        await page.ById("proposals-tab-approved").ClickAsync();
        await page.ById("proposals-tab-pending").ClickAsync();
        await Expect(row).ToContainTextAsync("兴趣爱好：打球");
        await row.GetByTestId("proposal-return").ClickAsync();
        await page.ById("proposal-return-submit").ClickAsync();
        await Expect(page.FieldError("proposal-return-reason")).ToContainTextAsync("请填写退回原因");
        await page.ById("proposal-return-reason").FillAsync("请写明具体是哪项球类运动");
        var returned = await page.RunAndWaitForResponseAsync(() => page.ById("proposal-return-submit").ClickAsync(),
            r => r.Url.EndsWith("/decision", StringComparison.Ordinal));
        Assert.That(returned.Status, Is.EqualTo(200), await returned.TextAsync());
        await Expect(row).ToHaveCountAsync(0);
        await page.ById("proposals-tab-rejected").ClickAsync();
        await Expect(ProposalRow(page, name).Filter(new() { HasText = "打球" })).ToContainTextAsync("请写明具体是哪项球类运动");

        var memberPage = await NewPageAsync();
        await Ui.SignInAsync(memberPage, member);
        await Ui.OpenAsync(memberPage, "my-record", "我的档案");
        var latest = memberPage.ById("my-record-proposal").First;
        await Expect(latest.GetByTestId("my-record-proposal-status")).ToHaveTextAsync("已退回");
        await Expect(latest.GetByTestId("my-record-proposal-reason")).ToContainTextAsync("请写明具体是哪项球类运动");
        await Expect(memberPage.ById("my-record-trait-hobbies")).ToHaveTextAsync("—");
        await Expect(memberPage.ById("my-record-apply")).ToBeEnabledAsync();
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task The_administrator_links_an_account_to_an_employee_number_and_an_unlinked_member_is_told_whom_to_ask(
        CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var admin = await Host.CreateUserAsync(RoleCatalog.SystemAdmin);
        var (_, linked) = await MemberAsync();
        var taken = await Host.ScalarAsync<string>("select employee_number from platform.user_account where id = @id", ("id", linked.Id));
        var page = await NewPageAsync();
        var userName = "member-" + Guid.NewGuid().ToString("N")[..6];

        await Ui.SignInAsync(page, admin);
        await Ui.OpenAsync(page, "users", "用户管理");
        await page.ById("users-create").ClickAsync();
        await page.ById("user-form-username").FillAsync(userName);
        await page.ById("user-form-displayname").FillAsync("张自助");
        var password = DemoSetup.GeneratePassword();
        await page.ById("user-form-password").FillAsync(password);
        await page.ById("user-form-confirm").FillAsync(password);
        await page.ById("user-form-employee-number").FillAsync("E 01");
        await page.ById("user-form-submit").ClickAsync();
        await Expect(page.FieldError("user-form-employee-number")).ToContainTextAsync("工号只能包含字母、数字、连字符和下划线");

        // Taken by another account: the server's message under the field.
        await page.ById("user-form-employee-number").FillAsync(taken!);
        await page.ById("user-form-submit").ClickAsync();
        await Expect(page.FieldError("user-form-employee-number")).ToContainTextAsync("该工号已关联其他账号");
        Assert.That(await Host.ScalarAsync<long>("select count(*) from platform.user_account where user_name = @u", ("u", userName)), Is.EqualTo(0));

        var unused = "U" + Guid.NewGuid().ToString("N")[..8];
        await page.ById("user-form-employee-number").FillAsync(unused);
        var created = await page.RunAndWaitForResponseAsync(() => page.ById("user-form-submit").ClickAsync(),
            r => r.Url.EndsWith("/api/platform/users", StringComparison.Ordinal) && r.Request.Method == "POST");
        Assert.That(created.Status, Is.EqualTo(201), await created.TextAsync());
        Assert.That(await Host.ScalarAsync<string>("select employee_number from platform.user_account where user_name = @u", ("u", userName)),
            Is.EqualTo(unused));

        // A member whose employee number matches no record sees whom to ask, and no button to propose with.
        var stranger = await Host.CreateUserAsync(RoleCatalog.Member, _root, "NOBODY" + Guid.NewGuid().ToString("N")[..4]);
        var memberPage = await NewPageAsync();
        await Ui.SignInAsync(memberPage, stranger);
        await Ui.OpenAsync(memberPage, "my-record", "我的档案");
        await Expect(memberPage.ById("my-record-unlinked")).ToContainTextAsync("您的账号尚未关联人员档案，请联系支部书记");
        await Expect(memberPage.ById("my-record-apply")).ToHaveCountAsync(0);
    }

    private static ILocator ProposalRow(IPage page, string name) =>
        page.ById("proposals-table").Locator(".el-table__body-wrapper tbody tr").Filter(new() { HasText = name });

    private static int _sequence = Random.Shared.Next(0, 300) * 2;

    /// <summary>A full member of 机关第一党支部 with phone 13800138000 and an employee number, and a member account linked to them.</summary>
    private async Task<(string Name, TestUser Member)> MemberAsync()
    {
        var name = "自助" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var employeeNumber = "S" + Guid.NewGuid().ToString("N")[..8];
        var idNumber = Ui.IdNumber(new DateOnly(1991, 5, 4), Interlocked.Add(ref _sequence, 2) % 998, AddressCode);
        using var committee = Host.Client();
        await committee.SignInAsync(await Host.CreateUserAsync(RoleCatalog.CommitteeAdmin, _root));
        var response = await committee.PostAsync("/api/personnel/people", new
        {
            organizationId = _branch,
            basics = new { name, gender = "2", ethnicity = "01", birthDate = "1991-05-04", idNumber, phone = OldPhone, employeeNumber, education = "21" },
            partyStatus = "full_member",
            partyDates = new { joinedOn = "2014-06-30", convertedOn = "2015-07-01" },
        });
        await ApiClient.EnsureAsync(response, HttpStatusCode.Created);
        return (name, await Host.CreateUserAsync(RoleCatalog.Member, _root, employeeNumber));
    }

    private static async Task ProposeAsync(ApiClient member, object body) =>
        await ApiClient.EnsureAsync(await member.PostAsync("/api/personnel/me/proposals", body), HttpStatusCode.Created);

    /// <summary>Another approver (the committee) returns the person's pending proposal through the API.</summary>
    private async Task DecideElsewhereAsync(string name)
    {
        using var committee = Host.Client();
        await committee.SignInAsync(await Host.CreateUserAsync(RoleCatalog.CommitteeAdmin, _root));
        var pending = await committee.GetJsonAsync<JsonElement>("/api/personnel/change-proposals?pageSize=100");
        var proposal = pending.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("personName").GetString() == name);
        var response = await committee.PostAsync($"/api/personnel/change-proposals/{proposal.GetProperty("id").GetGuid()}/decision",
            new { version = proposal.GetProperty("version").GetInt64(), approve = false, reason = "由党委退回" });
        await ApiClient.EnsureAsync(response, HttpStatusCode.OK);
    }
}
