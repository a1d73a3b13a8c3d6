using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RedSail.Testing;
using static Microsoft.Playwright.Assertions;

namespace RedSail.BrowserTests;

/// <summary>What a person does in the RedSail UI, in terms of its data-testid hooks.</summary>
internal static class Ui
{
    public static ILocator ById(this IPage page, string testId) => page.GetByTestId(testId);

    /// <summary>Opens the login page fresh and submits the user name and password (no TOTP step).</summary>
    public static async Task<IResponse> SubmitPasswordAsync(IPage page, string userName, string password)
    {
        if (!page.Url.Contains("/login", StringComparison.Ordinal)) await page.GotoAsync("/login");
        await page.ById("login-username").FillAsync(userName);
        await page.ById("login-password").FillAsync(password);
        return await page.RunAndWaitForResponseAsync(() => page.ById("login-submit").ClickAsync(),
            r => r.Url.EndsWith("/api/platform/auth/login", StringComparison.Ordinal) && r.Request.Method == "POST");
    }

    /// <summary>Signs in through the login page (password, then the TOTP code for administrators) and waits for the home page.</summary>
    public static async Task SignInAsync(IPage page, TestUser user)
    {
        await page.GotoAsync("/login");
        await Expect(page.ById("page-title")).ToHaveTextAsync("用户登录");
        await SubmitPasswordAsync(page, user.UserName, user.Password);
        if (user.TotpSecret is not null)
        {
            await Expect(page.ById("totp-code")).ToBeVisibleAsync();
            await page.ById("totp-code").FillAsync(user.NextTotpCode());
            await page.ById("totp-submit").ClickAsync();
        }
        await Expect(page.ById("welcome-text")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"^http://127\.0\.0\.1:\d+/$"));
    }

    /// <summary>Opens a side-menu entry and waits for its page title.</summary>
    public static async Task OpenAsync(IPage page, string menuKey, string title)
    {
        await page.ById($"menu-{menuKey}").ClickAsync();
        await Expect(page.ById("page-title")).ToHaveTextAsync(title);
    }
}
