using System.Collections.Concurrent;
using Microsoft.Playwright;
using NUnit.Framework;
using RedSail.Platform.Access;
using static Microsoft.Playwright.Assertions;

namespace RedSail.BrowserTests;

/// <summary>The intranet UI talks to its own server only: no CDN, web font, map tile or telemetry request.</summary>
[DemoInstitute]
public sealed class OfflineTests : BrowserFixture
{
    [Test, CancelAfter(TestTimeout)]
    public async Task A_full_signed_in_journey_requests_nothing_from_another_origin(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var root = await SeedDemoInstituteAsync();
        var committee = await Host.CreateUserAsync(RoleCatalog.CommitteeAdmin, root);
        var admin = await Host.CreateUserAsync(RoleCatalog.SystemAdmin);
        var security = await Host.CreateUserAsync(RoleCatalog.SecurityAdmin);
        var auditor = await Host.CreateUserAsync(RoleCatalog.AuditAdmin);
        var requests = new ConcurrentQueue<string>();

        // The committee administrator: home, personnel with the chart, English, change-password page, sign out.
        var page = await RecordedPageAsync(requests);
        var document = await page.GotoAsync("/login");
        Assert.That(await document!.HeaderValueAsync("content-security-policy"), Does.Contain("default-src 'self'"),
            "the server also forbids other origins to the browser");
        await Ui.SignInAsync(page, committee);
        await Ui.OpenAsync(page, "personnel", "信息管理");
        await Expect(page.ById("members-chart").Locator("canvas")).ToBeVisibleAsync();
        Assert.That(await PersonnelTests.ChartHasBarsAsync(page.ById("members-chart").Locator("canvas")), Is.True);
        await page.ById("lang-switch").ClickAsync();
        await Expect(page.ById("page-title")).ToHaveTextAsync("Personnel");
        await page.ById("user-menu").ClickAsync();
        await page.ById("change-password").ClickAsync();
        await Expect(page.ById("page-title")).ToHaveTextAsync("Change password");
        await page.ById("lang-switch").ClickAsync();
        await SignOutAsync(page);

        // The system administrator: the system pages, including the API reference.
        page = await RecordedPageAsync(requests);
        await Ui.SignInAsync(page, admin);
        await Ui.OpenAsync(page, "users", "用户管理");
        await Ui.OpenAsync(page, "outbox", "事件投递");
        await Ui.OpenAsync(page, "api-docs", "接口文档");
        await Expect(page.Locator("code.api__path").First).ToBeVisibleAsync();
        await page.ById("menu-home").ClickAsync();
        await Expect(page.ById("welcome-text")).ToBeVisibleAsync();
        await SignOutAsync(page);

        // The security and audit administrators: role grants, OA clients and the audit trail.
        page = await RecordedPageAsync(requests);
        await Ui.SignInAsync(page, security);
        await Ui.OpenAsync(page, "roles", "角色授权");
        await Ui.OpenAsync(page, "oa-clients", "OA 接入");
        await SignOutAsync(page);
        await Ui.SignInAsync(page, auditor);
        await Ui.OpenAsync(page, "audit", "审计日志");
        await Expect(page.ById("audit-table").Locator(".el-table__body-wrapper tbody tr").First).ToBeVisibleAsync();
        await SignOutAsync(page);

        var seen = requests.ToArray();
        // The recording itself must have worked: pages, scripts and API calls were all seen.
        Assert.That(seen, Has.Some.EndsWith("/api/platform/auth/me"));
        Assert.That(seen, Has.Some.Contains("/api/personnel/"));
        Assert.That(seen, Has.Some.EndsWith("/openapi/v1.json"));
        Assert.That(seen, Has.Some.Contains("/api/platform/audit"));
        Assert.That(seen, Has.Some.Contains("/assets/").And.Some.EndsWith(".js"));
        var foreign = seen.Where(url => !IsOwnOrigin(url)).Distinct().ToArray();
        Assert.That(foreign, Is.Empty, $"requests to other origins among {seen.Length}");
        TestContext.Out.WriteLine($"{seen.Length} requests, all to {Host.BaseAddress} (or data:/blob:)");
    }

    /// <summary>
    /// A page whose every request is recorded. The content security policy is bypassed so that an attempt the
    /// server's policy would block silently is still seen here; any request to another origin is aborted
    /// before it leaves the browser.
    /// </summary>
    private async Task<IPage> RecordedPageAsync(ConcurrentQueue<string> requests)
    {
        var page = await NewPageAsync(new BrowserNewContextOptions { BypassCSP = true });
        page.Context.Request += (_, request) => requests.Enqueue(request.Url);
        await page.Context.RouteAsync(url => !IsOwnOrigin(url), route => route.AbortAsync());
        return page;
    }

    private bool IsOwnOrigin(string url)
    {
        var uri = new Uri(url);
        return uri.Scheme is "data" or "blob" || (uri.Scheme == "http" && uri.Host == "127.0.0.1" && uri.Port == Host.BaseAddress.Port);
    }

    private static async Task SignOutAsync(IPage page)
    {
        await page.ById("user-menu").ClickAsync();
        await page.ById("logout").ClickAsync();
        await Expect(page.ById("login-username")).ToBeVisibleAsync();
    }
}
