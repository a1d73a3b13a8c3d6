using System.Text.RegularExpressions;
using NUnit.Framework;
using RedSail.Platform.Access;
using static Microsoft.Playwright.Assertions;

namespace RedSail.BrowserTests;

/// <summary>Signing in and out through the login page, and the lockout after repeated wrong passwords.</summary>
public sealed class SignInTests : BrowserFixture
{
    private static readonly Regex LoginUrl = new(@"/login(\?.*)?$");

    [Test, CancelAfter(TestTimeout)]
    public async Task System_administrator_signs_in_with_totp_sees_only_system_menus_switches_language_and_signs_out(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var admin = await Host.CreateUserAsync(RoleCatalog.SystemAdmin);
        var page = await NewPageAsync();

        // Password alone is not enough for an administrator: the second step asks for the authenticator code.
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(LoginUrl);
        var password = await Ui.SubmitPasswordAsync(page, admin.UserName, admin.Password);
        Assert.That(password.Status, Is.EqualTo(200));
        await Expect(page.ById("page-title")).ToHaveTextAsync("动态验证码");
        await Expect(page.ById("side-menu")).ToHaveCountAsync(0);
        await page.ById("totp-code").FillAsync(admin.NextTotpCode());
        await page.ById("totp-submit").ClickAsync();
        await Expect(page.ById("welcome-text")).ToContainTextAsync("欢迎使用红帆智慧党建");

        // Separation of duties: system administration only, no audit trail and no party business data.
        await Expect(page.ById("side-menu")).ToBeVisibleAsync();
        await Expect(page.ById("menu-users")).ToHaveTextAsync("用户管理");
        await Expect(page.ById("menu-outbox")).ToHaveTextAsync("事件投递");
        await Expect(page.ById("menu-api-docs")).ToHaveTextAsync("接口文档");
        await Expect(page.ById("menu-audit")).ToHaveCountAsync(0);
        await Expect(page.ById("menu-personnel")).ToHaveCountAsync(0);

        await Ui.OpenAsync(page, "users", "用户管理");
        await Expect(page.ById("users-table")).ToContainTextAsync(admin.UserName);

        // One click switches the whole UI to English, another one back to Chinese.
        await page.ById("lang-switch").ClickAsync();
        await Expect(page.ById("page-title")).ToHaveTextAsync("Users");
        await Expect(page.ById("menu-users")).ToHaveTextAsync("Users");
        await Expect(page.ById("menu-outbox")).ToHaveTextAsync("Event Delivery");
        await Expect(page.ById("menu-api-docs")).ToHaveTextAsync("API Reference");
        await Expect(page.ById("lang-switch")).ToHaveTextAsync("中文");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");

        await page.ById("lang-switch").ClickAsync();
        await Expect(page.ById("page-title")).ToHaveTextAsync("用户管理");
        await Expect(page.ById("menu-users")).ToHaveTextAsync("用户管理");
        await Expect(page.ById("lang-switch")).ToHaveTextAsync("English");

        // Signing out through the user menu ends the session on the server, not just in the page.
        await page.ById("user-menu").ClickAsync();
        await page.ById("logout").ClickAsync();
        await Expect(page).ToHaveURLAsync(LoginUrl);
        await Expect(page.ById("login-username")).ToBeVisibleAsync();
        await Expect(page.ById("page-title")).ToHaveTextAsync("用户登录");

        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(LoginUrl);
        await Expect(page.ById("login-username")).ToBeVisibleAsync();
        await Expect(page.ById("side-menu")).ToHaveCountAsync(0);

        await page.GotoAsync("/system/users");
        await Expect(page).ToHaveURLAsync(LoginUrl);
        await Expect(page.ById("users-table")).ToHaveCountAsync(0);
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task Five_wrong_passwords_lock_the_account_and_then_the_right_password_is_refused_too(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var admin = await Host.CreateUserAsync(RoleCatalog.SystemAdmin);
        var page = await NewPageAsync();
        await page.GotoAsync("/login");

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var refused = await Ui.SubmitPasswordAsync(page, admin.UserName, admin.Password + "x");
            Assert.That(refused.Status, Is.EqualTo(401), $"wrong password, attempt {attempt}");
            await Expect(page.ById("login-error")).ToBeVisibleAsync();
            await Expect(page.ById("login-error")).Not.ToContainTextAsync("锁定");
        }

        var fifth = await Ui.SubmitPasswordAsync(page, admin.UserName, admin.Password + "x");
        Assert.That(fifth.Status, Is.EqualTo(423), "fifth wrong password");
        await Expect(page.ById("login-error")).ToContainTextAsync("锁定");

        // While locked, even the right password gets the lock message and no second step.
        var right = await Ui.SubmitPasswordAsync(page, admin.UserName, admin.Password);
        Assert.That(right.Status, Is.EqualTo(423), "right password while locked");
        await Expect(page.ById("login-error")).ToContainTextAsync("锁定");
        await Expect(page.ById("totp-code")).ToHaveCountAsync(0);
        await Expect(page).ToHaveURLAsync(LoginUrl);

        // The server words the refusal in the language the user chose.
        await page.ById("lang-switch").ClickAsync();
        await Expect(page.ById("page-title")).ToHaveTextAsync("Sign in");
        var english = await Ui.SubmitPasswordAsync(page, admin.UserName, admin.Password);
        Assert.That(english.Status, Is.EqualTo(423), "right password while locked, in English");
        await Expect(page.ById("login-error")).ToContainTextAsync("locked");
        await Expect(page.ById("totp-code")).ToHaveCountAsync(0);
    }
}
