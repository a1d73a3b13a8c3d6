using System.Net;
using NUnit.Framework;
using RedSail.Platform.Access;
using static Microsoft.Playwright.Assertions;

namespace RedSail.BrowserTests;

/// <summary>The audit administrator reads, filters, verifies and exports the audit trail.</summary>
[DemoInstitute]
public sealed class AuditTests : BrowserFixture
{
    [Test, CancelAfter(TestTimeout)]
    public async Task Audit_administrator_finds_a_denied_action_verifies_the_chain_and_exports_it(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var root = await SeedDemoInstituteAsync();
        var committee = await Host.CreateUserAsync(RoleCatalog.CommitteeAdmin, root);
        using (var client = Host.Client())
        {
            await client.SignInAsync(committee);
            var denied = await client.GetAsync("/api/platform/users");
            Assert.That(denied.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "a committee administrator may not list accounts");
        }
        var auditor = await Host.CreateUserAsync(RoleCatalog.AuditAdmin);
        var page = await NewPageAsync();

        await Ui.SignInAsync(page, auditor);
        await Expect(page.ById("menu-users")).ToHaveCountAsync(0);
        await Expect(page.ById("menu-personnel")).ToHaveCountAsync(0);
        await Ui.OpenAsync(page, "audit", "审计日志");

        var rows = page.ById("audit-table").Locator(".el-table__body-wrapper tbody tr");
        await Expect(rows.Filter(new() { HasText = "成功" }).First).ToBeVisibleAsync();
        await Expect(rows.Filter(new() { HasText = committee.UserName }).First).ToBeVisibleAsync();

        // Filter on 拒绝: only denied rows remain, among them the committee administrator's attempt.
        await page.ById("audit-result").ClickAsync();
        await page.Locator(".el-select-dropdown__item:visible").GetByText("拒绝", new() { Exact = true }).ClickAsync();
        await page.RunAndWaitForResponseAsync(() => page.ById("audit-search").ClickAsync(),
            r => r.Url.Contains("/api/platform/audit?", StringComparison.Ordinal) && r.Url.Contains("result=denied", StringComparison.Ordinal));
        var deniedRow = rows.Filter(new() { HasText = committee.UserName });
        await Expect(deniedRow).ToHaveCountAsync(1);
        await Expect(deniedRow).ToContainTextAsync("拒绝");
        await Expect(rows.Filter(new() { HasNotText = "拒绝" })).ToHaveCountAsync(0);

        await page.ById("audit-verify").ClickAsync();
        await Expect(page.ById("audit-verify-result")).ToContainTextAsync("审计日志完整");
        await Expect(page.ById("audit-verify-result")).Not.ToContainTextAsync("未通过");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ById("audit-export").ClickAsync());
        Assert.That(download.SuggestedFilename, Does.EndWith(".xlsx"));
        var file = await download.PathAsync();
        var bytes = await File.ReadAllBytesAsync(file);
        Assert.That(bytes, Has.Length.GreaterThan(100));
        Assert.That(bytes[..2], Is.EqualTo("PK"u8.ToArray()), "an .xlsx file is a zip package");
    }
}
