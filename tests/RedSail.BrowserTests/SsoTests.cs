using NUnit.Framework;
using RedSail.Platform.Access;
using RedSail.Platform.Features.Sso;
using RedSail.Testing;
using static Microsoft.Playwright.Assertions;

namespace RedSail.BrowserTests;

/// <summary>The OA's single sign-on in a real browser: one button per provider on the sign-in page, and a round trip through the OA that lands home.</summary>
public sealed class SsoTests : BrowserFixture
{
    private SsoSetup _sso = null!;

    protected override async Task<TestHost> StartHostAsync()
    {
        _sso = await SsoSetup.StartAsync();
        return _sso.Host;
    }

    [OneTimeTearDown]
    public Task StopPeers() => _sso.StopPeersAsync();

    [TestCase("oidc", "统一身份认证"), TestCase("cas", "CAS 认证"), TestCase("weaver", "泛微 OA"), CancelAfter(TestTimeout)]
    public async Task A_member_signs_in_through_the_OA_and_lands_on_the_home_page(string provider, string button, CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var employeeNumber = "B" + Random.Shared.Next(100000, 999999);
        var user = await _sso.MemberAsync(employeeNumber);
        SsoPeer peer = provider switch { "oidc" => _sso.Oidc, "cas" => _sso.Cas, _ => _sso.Ticket };
        peer.SignedIn = new OaUser(provider == "cas" ? user.UserName : employeeNumber);
        var page = await NewPageAsync();

        await page.GotoAsync("/login");
        await Expect(page.ById($"sso-{provider}")).ToHaveTextAsync(button);
        await page.ById($"sso-{provider}").ClickAsync();

        await Expect(page.ById("welcome-text")).ToContainTextAsync("欢迎使用红帆智慧党建");
        Assert.That(new Uri(page.Url).AbsolutePath, Is.EqualTo("/"));
        await Expect(page.ById("side-menu")).ToBeVisibleAsync();
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task A_refused_sign_in_comes_back_to_the_sign_in_page_saying_why(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        _sso.Cas.SignedIn = new OaUser("nobody-" + Random.Shared.Next(1000, 9999));
        var page = await NewPageAsync();

        await page.GotoAsync("/login");
        await page.ById("sso-cas").ClickAsync();

        await Expect(page.ById("login-error")).ToContainTextAsync("OA 账号在本系统中没有对应的用户");
        Assert.That(new Uri(page.Url).AbsolutePath, Is.EqualTo("/login"));
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task The_security_administrator_leaves_local_sign_in_to_administrators_and_members_are_sent_to_the_OA(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var security = await Host.CreateUserAsync(RoleCatalog.SecurityAdmin);
        var member = await _sso.MemberAsync("C" + Random.Shared.Next(100000, 999999));
        try
        {
            var admin = await NewPageAsync();
            await Ui.SignInAsync(admin, security);
            await Ui.OpenAsync(admin, "sso", "单点登录");
            await Expect(admin.ById("sso-providers-table")).ToContainTextAsync("泛微 OA");
            await admin.ById("sso-local-sign-in").GetByText("仅管理员").ClickAsync();
            await admin.ById("sso-save").ClickAsync();
            await Expect(admin.Locator(".el-message--success")).ToContainTextAsync("已保存");

            var page = await NewPageAsync();
            await page.GotoAsync("/login");
            await Expect(page.ById("local-admins-only")).ToBeVisibleAsync();
            var refused = await Ui.SubmitPasswordAsync(page, member.UserName, member.Password);
            Assert.That(refused.Status, Is.EqualTo(403));
            await Expect(page.ById("login-error")).ToContainTextAsync("经 OA 单点登录");
        }
        finally
        {
            await Host.SendAsync(new SetLocalSignIn("everyone"));
        }
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task The_system_administrator_sees_the_department_mapping_and_the_to_do_pushes(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var page = await NewPageAsync();
        await Ui.SignInAsync(page, await Host.CreateUserAsync(RoleCatalog.SystemAdmin));

        await Ui.OpenAsync(page, "oa-integration", "OA 用户与部门");
        await Expect(page.ById("oa-departments-table")).ToContainTextAsync(SsoSetup.MappedDepartment);
        await Expect(page.ById("oa-departments-table")).ToContainTextAsync("机关党委");

        await Ui.OpenAsync(page, "oa-todos", "统一待办推送");
        await Expect(page.ById("oa-todos-table")).ToBeVisibleAsync();
    }
}
