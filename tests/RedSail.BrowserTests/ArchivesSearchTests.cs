using System.Text.RegularExpressions;
using NUnit.Framework;
using RedSail.Modules.Archives.Contracts;
using RedSail.Platform.Access;
using RedSail.Testing;
using static Microsoft.Playwright.Assertions;

namespace RedSail.BrowserTests;

/// <summary>全文检索: a committee administrator searches the archive for a name and sees the hits highlighted.</summary>
[DemoInstitute]
public sealed class ArchivesSearchTests : BrowserFixture
{
    private readonly Guid _summary = Guid.NewGuid();

    [OneTimeSetUp]
    public async Task RecordDocuments()
    {
        var root = await SeedDemoInstituteAsync();
        Assert.That(await Eventually.HoldsAsync(() => Host.ScalarAsync<bool>("select count(*) = 56 from archives.organization"), 30_000), Is.True,
            "Archives' copy of the tree caught up with Personnel");
        var category = Guid.NewGuid();
        await Host.ExecuteAsync($"""
            insert into archives.category (id, name) values ('{category}', '检索测试类别');
            insert into archives.document (id, title, issued_on, issuing_body, category_id, organization_id, summary) values
              ('{_summary}', '第一党支部<b>2021</b>年工作总结', '2021-12-20', '第一党支部', '{category}', '{root}',
               '一年来，支部书记张建国同志带领全体党员认真落实“三会一课”制度，在北京市海淀区开展调研。'),
              ('{Guid.NewGuid()}', '关于主张建设国家实验室的意见', '2020-05-05', '中共红帆研究院委员会', '{category}', '{root}', null);
            """);
        await Host.SendAsync(new RebuildSearchIndex());
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task Searching_a_name_shows_the_document_with_the_name_highlighted(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var page = await NewPageAsync();
        await Ui.SignInAsync(page, await Host.CreateUserAsync(RoleCatalog.CommitteeAdmin, await Host.ScalarAsync<Guid>("select id from platform.organization where parent_id is null")));
        await page.GotoAsync("/archives/search");
        await Expect(page.ById("page-title")).ToHaveTextAsync("全文检索");
        await Expect(page.ById("menu-archives-search")).ToBeVisibleAsync();

        await page.ById("archive-search-q").FillAsync("张建国");
        await page.ById("archive-search-submit").ClickAsync();
        await Expect(page.ById("archive-search-total")).ToHaveTextAsync("共找到 1 份史料");
        var hit = page.ById("archive-search-hit");
        await Expect(hit).ToHaveCountAsync(1);
        // The title's markup is text, not HTML; the name is marked in the passage.
        await Expect(page.ById("archive-search-title")).ToHaveTextAsync("第一党支部<b>2021</b>年工作总结");
        await Expect(hit.Locator("b")).ToHaveCountAsync(0);
        await Expect(page.ById("archive-search-snippet").Locator("mark")).ToHaveTextAsync("张建国");
        await Expect(page.ById("archive-search-snippet")).ToContainTextAsync("支部书记张建国同志带领全体党员");
        await Expect(page).ToHaveURLAsync(new Regex(@"/archives/search\?q=%E5%BC%A0%E5%BB%BA%E5%9B%BD$"));

        // Two words: both marked; the result links to the document's page.
        await page.ById("archive-search-q").FillAsync("海淀 三会一课");
        await page.ById("archive-search-q").PressAsync("Enter");
        await Expect(page.ById("archive-search-snippet").Locator("mark")).ToHaveTextAsync(["三会一课", "海淀"]);
        await page.ById("archive-search-title").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/archives/documents/{_summary}$"));
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task A_search_without_results_says_so(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var page = await NewPageAsync();
        await Ui.SignInAsync(page, await Host.CreateUserAsync(RoleCatalog.CommitteeAdmin, await Host.ScalarAsync<Guid>("select id from platform.organization where parent_id is null")));
        await page.GotoAsync("/archives/search?q=" + Uri.EscapeDataString("不存在的词语"));
        await Expect(page.ById("archive-search-total")).ToHaveTextAsync("共找到 0 份史料");
        await Expect(page.GetByText("没有找到相关史料")).ToBeVisibleAsync();
    }
}
