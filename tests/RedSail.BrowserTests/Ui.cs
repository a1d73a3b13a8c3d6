using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RedSail.Testing;
using static Microsoft.Playwright.Assertions;

namespace RedSail.BrowserTests;

/// <summary>What a person does in the RedSail UI, in terms of its data-testid hooks.</summary>
internal static class Ui
{
    public static ILocator ById(this IPage page, string testId) => page.GetByTestId(testId);

    /// <summary>A hook inside a part of the page (one card, one page of the reader).</summary>
    public static ILocator ById(this ILocator scope, string testId) => scope.GetByTestId(testId);

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

    /// <summary>Opens an Element Plus select (or tree select) by its hook and picks the option with this exact text.</summary>
    public static async Task ChooseAsync(this IPage page, string testId, string option)
    {
        await page.ById(testId).ClickAsync();
        await page.Locator(".el-select__popper:visible").GetByText(option, new() { Exact = true }).First.ClickAsync();
        await Expect(page.Locator(".el-select__popper:visible")).ToHaveCountAsync(0);
    }

    /// <summary>Types a date (YYYY-MM-DD) into the date picker inside the hook and confirms it with Enter.</summary>
    public static async Task FillDateAsync(this IPage page, string testId, string date)
    {
        var input = page.ById(testId).Locator("input");
        await input.FillAsync(date);
        await input.PressAsync("Enter");
        await Expect(input).ToHaveValueAsync(date);
    }

    /// <summary>The message under the form field that holds this hook (empty while the field is fine).</summary>
    public static ILocator FieldError(this IPage page, string testId) =>
        page.Locator(".el-form-item").Filter(new() { Has = page.ById(testId) }).Locator(".el-form-item__error");

    /// <summary>A valid GB 11643 citizen ID number: address code, birth date, sequence (odd for men, even for women).</summary>
    public static string IdNumber(DateOnly birthDate, int sequence, string addressCode = "110105") =>
        IdNumbers.Compose(addressCode, birthDate, sequence % 1000);
}
