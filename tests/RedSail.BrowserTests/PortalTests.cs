using Microsoft.Playwright;
using NUnit.Framework;
using RedSail.Modules.Archives.Contracts;
using RedSail.Platform.Access;
using static Microsoft.Playwright.Assertions;

namespace RedSail.BrowserTests;

/// <summary>The portal home after sign-in: notices and news, volumes, and quiet placeholders where other modules have nothing to show; wide and on a phone.</summary>
[DemoInstitute]
public sealed class PortalTests : BrowserFixture
{
    private Guid _branch;

    [OneTimeSetUp]
    public async Task SeedPortal()
    {
        await SeedDemoInstituteAsync();
        _branch = await Host.ScalarAsync<Guid>("select id from personnel.organization where code = 'RS-01'");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await Host.ScalarAsync<long>("select count(*) from archives.organization") < 56 && DateTime.UtcNow < deadline) await Task.Delay(100);
        await Host.SendAsync(new SeedArchivesDemoData());
    }

    private async Task<IPage> HomeAsync(BrowserNewContextOptions? options = null)
    {
        var page = await NewPageAsync(options);
        await Ui.SignInAsync(page, await Host.CreateUserAsync(RoleCatalog.Member, _branch));
        await Expect(page.ById("page-title")).ToHaveTextAsync("党建门户");
        return page;
    }

    private static async Task ShowsAnnouncementsAndVolumesAsync(IPage page)
    {
        // the demo's pinned notice first (unless a test published a newer pinned one), the latest news
        var notices = page.ById("portal-notice").ById("portal-announcement");
        await Expect(notices.First).ToContainTextAsync("置顶");
        await Expect(notices.Filter(new() { HasText = "述职评议会议" })).ToContainTextAsync("置顶");
        await Expect(notices.Filter(new() { HasText = "党费收缴" })).ToHaveCountAsync(1);
        await Expect(page.ById("portal-news").ById("portal-announcement").First).ToContainTextAsync("理论学习中心组");
        await Expect(page.ById("portal-news").ById("portal-announcement")).ToHaveCountAsync(3);
        await Expect(page.ById("portal-volumes").ById("volume-card")).ToHaveCountAsync(3);
        await Expect(page.ById("portal-volumes")).ToContainTextAsync("党史学习教育专题汇编");
        // A member holds no analytics permission: no headline figures; the honour wall is there, quiet while Honors has none.
        await Expect(page.ById("portal-headline")).ToHaveCountAsync(0);
        await Expect(page.ById("portal-honours-empty")).ToHaveTextAsync("暂无数据");
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task A_member_sees_notices_news_and_volumes_on_the_home_page_and_reads_a_notice(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var page = await HomeAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await ShowsAnnouncementsAndVolumesAsync(page);
        var notice = page.ById("portal-notice").ById("portal-announcement").Filter(new() { HasText = "述职评议会议" });
        var columns = await page.ById("portal-notice").BoundingBoxAsync();
        var news = await page.ById("portal-news").BoundingBoxAsync();
        Assert.That(news!.X, Is.GreaterThan(columns!.X + columns.Width - 1), "notices and news side by side at 1280 px");

        await notice.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.ById("page-title")).ToContainTextAsync("述职评议会议");
        await Expect(page.ById("announcement-body").Locator("h3").First).ToHaveTextAsync("一、参会人员");
        await Expect(page.ById("announcement-body").Locator("strong")).ToContainTextAsync("履行管党治党责任");
        await Expect(page.ById("announcement-edit")).ToHaveCountAsync(0);
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task On_a_phone_the_portal_is_one_column_within_the_screen(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var page = await HomeAsync(Phone);
        await ShowsAnnouncementsAndVolumesAsync(page);
        var notices = await page.ById("portal-notice").BoundingBoxAsync();
        var news = await page.ById("portal-news").BoundingBoxAsync();
        Assert.That(news!.Y, Is.GreaterThanOrEqualTo(notices!.Y + notices.Height), "news below the notices");
        Assert.That(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), Is.LessThanOrEqualTo(390), "portal width at 390 px");
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task The_committee_publishes_a_notice_with_the_rich_text_editor_and_it_reaches_the_home_page(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var page = await NewPageAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await Ui.SignInAsync(page, await Host.CreateUserAsync(RoleCatalog.CommitteeAdmin, await Host.ScalarAsync<Guid>(
            "select id from platform.organization where parent_id is null")));
        // The committee holds analytics.read: the headline shows Analytics' figures for its subtree.
        var members = await page.EvaluateAsync<int>("async () => (await (await fetch('/api/analytics/headline')).json()).members");
        Assert.That(members, Is.Positive);
        await Expect(page.ById("portal-headline-members")).ToHaveTextAsync(members.ToString());
        await Ui.OpenAsync(page, "announcements", "通知公告与党建要闻");
        await page.ById("announcement-new").ClickAsync();
        await page.ById("announcement-title-input").FillAsync("关于报送年度党员教育培训计划的通知");
        var body = page.ById("rich-editor-content").Locator(".ProseMirror");
        await body.ClickAsync();
        await page.ById("rte-bold").ClickAsync();
        await page.Keyboard.TypeAsync("请各支部于月底前报送");
        await page.ById("rte-bold").ClickAsync();
        await page.Keyboard.TypeAsync("培训计划。");
        await page.ById("announcement-pinned").ClickAsync();
        await page.ById("announcement-submit").ClickAsync();

        await Expect(page.ById("page-title")).ToHaveTextAsync("关于报送年度党员教育培训计划的通知");
        await Expect(page.ById("announcement-body").Locator("strong")).ToHaveTextAsync("请各支部于月底前报送");
        await page.ById("menu-home").ClickAsync();
        await Expect(page.ById("portal-notice").ById("portal-announcement").First).ToContainTextAsync("关于报送年度党员教育培训计划的通知");
    }
}
