using NUnit.Framework;
using RedSail.Platform.Access;
using static Microsoft.Playwright.Assertions;

namespace RedSail.BrowserTests;

/// <summary>The API reference renders the server's own OpenAPI description, offline.</summary>
public sealed class ApiDocsTests : BrowserFixture
{
    [Test, CancelAfter(TestTimeout)]
    public async Task The_api_reference_lists_the_sign_in_operation_with_its_request_body(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var admin = await Host.CreateUserAsync(RoleCatalog.SystemAdmin);
        var page = await NewPageAsync();
        await Ui.SignInAsync(page, admin);

        var document = page.WaitForResponseAsync(r => r.Url.EndsWith("/openapi/v1.json", StringComparison.Ordinal));
        await Ui.OpenAsync(page, "api-docs", "接口文档");
        Assert.That((await document).Status, Is.EqualTo(200));

        await page.ById("api-filter").FillAsync("/api/platform/auth/login");
        var path = page.Locator("code.api__path").GetByText("/api/platform/auth/login", new() { Exact = true });
        await Expect(path).ToHaveCountAsync(1);

        // The filter leaves only the operation's tag group; the page opens just the first group on load, so
        // open this one the way a reader would, by clicking its header (unless it is already open).
        var group = page.ById("api-groups").Locator(":scope > .el-collapse-item").Filter(new() { Has = path });
        var header = group.Locator(":scope > .el-collapse-item__header");
        await Expect(header).ToContainTextAsync("platform");
        if (await header.GetAttributeAsync("aria-expanded") != "true") await header.ClickAsync();
        await Expect(header).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(path).ToBeVisibleAsync();
        var operation = page.Locator(".api__op").Filter(new() { Has = path });
        await Expect(operation).ToContainTextAsync("POST");

        // Opening the operation shows its request body schema, resolved from the document's components.
        await path.ClickAsync();
        await Expect(operation.Locator("pre.api__schema").First).ToBeVisibleAsync();
        await Expect(operation.Locator("pre.api__schema").First).ToContainTextAsync("userName");
        await Expect(operation.Locator("pre.api__schema").First).ToContainTextAsync("password");
    }
}
