using Microsoft.Playwright;
using NUnit.Framework;
using RedSail.Platform.Access;
using static Microsoft.Playwright.Assertions;

namespace RedSail.BrowserTests;

/// <summary>The committee administrator's view of the demo institute, on a desktop and on a phone.</summary>
[DemoInstitute]
public sealed class PersonnelTests : BrowserFixture
{
    private Guid _root;

    [OneTimeSetUp]
    public async Task SeedInstitute() => _root = await SeedDemoInstituteAsync();

    [Test, CancelAfter(TestTimeout)]
    public async Task Committee_administrator_sees_the_organisation_tree_and_the_members_chart(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var committee = await Host.CreateUserAsync(RoleCatalog.CommitteeAdmin, _root);
        Assert.That(committee.TotpSecret, Is.Null, "business roles sign in without a second factor");
        var page = await NewPageAsync();

        await Ui.SignInAsync(page, committee); // straight to the home page: no TOTP step
        await Expect(page.ById("menu-personnel")).ToHaveTextAsync("信息管理");
        await Expect(page.ById("menu-users")).ToHaveCountAsync(0);
        await Expect(page.ById("menu-audit")).ToHaveCountAsync(0);

        await Ui.OpenAsync(page, "personnel", "信息管理");
        var tree = page.ById("org-tree");
        await Expect(tree.GetByText("红帆研究院党委", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(tree.GetByText("机关第一党支部", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(tree.GetByText("信息中心党支部", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(tree.Locator(".el-tree-node")).ToHaveCountAsync(56);

        var canvas = page.ById("members-chart").Locator("canvas");
        await Expect(canvas).ToBeVisibleAsync();
        var box = await canvas.BoundingBoxAsync();
        Assert.That(box, Is.Not.Null);
        Assert.That(box!.Width, Is.GreaterThan(200), "chart width");
        Assert.That(box.Height, Is.GreaterThan(100), "chart height");
        Assert.That(await ChartHasBarsAsync(canvas), Is.True, "the chart draws the red member bars");
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task On_a_phone_the_menu_opens_from_the_hamburger_and_nothing_scrolls_sideways(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var committee = await Host.CreateUserAsync(RoleCatalog.CommitteeAdmin, _root);
        var page = await NewPageAsync(Phone);

        await page.GotoAsync("/login");
        await Expect(page.ById("login-username")).ToBeVisibleAsync();
        Assert.That(await ScrollWidthAsync(page), Is.LessThanOrEqualTo(390), "login page width at 390 px");

        await Ui.SignInAsync(page, committee);
        await Expect(page.ById("menu-toggle")).ToBeVisibleAsync();
        await Expect(page.ById("side-menu")).ToHaveCountAsync(0);
        Assert.That(await ScrollWidthAsync(page), Is.LessThanOrEqualTo(390), "welcome page width at 390 px");

        await page.ById("menu-toggle").TapAsync();
        await Expect(page.ById("side-menu")).ToBeVisibleAsync();
        await page.ById("menu-personnel").TapAsync();
        await Expect(page.ById("page-title")).ToHaveTextAsync("信息管理");
        await Expect(page.ById("side-menu")).Not.ToBeVisibleAsync(); // the drawer closes after choosing
        await Expect(page.ById("org-tree").GetByText("红帆研究院党委", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.ById("members-chart").Locator("canvas")).ToBeVisibleAsync();
    }

    private static Task<int> ScrollWidthAsync(IPage page) => page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

    /// <summary>Polls the canvas (ECharts animates the bars in) for pixels of the bar colour #C8161D.</summary>
    internal static async Task<bool> ChartHasBarsAsync(ILocator canvas)
    {
        const string script = """
            c => {
              const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
              let red = 0;
              for (let i = 0; i < d.length; i += 4)
                if (Math.abs(d[i] - 0xC8) < 24 && Math.abs(d[i + 1] - 0x16) < 24 && Math.abs(d[i + 2] - 0x1D) < 24 && d[i + 3] > 200) red++;
              return red;
            }
            """;
        for (var tries = 0; tries < 50; tries++)
        {
            if (await canvas.EvaluateAsync<int>(script) > 500) return true;
            await Task.Delay(100);
        }
        return false;
    }
}
