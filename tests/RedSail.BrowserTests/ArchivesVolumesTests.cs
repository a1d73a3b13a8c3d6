using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NUnit.Framework;
using RedSail.Platform.Access;
using RedSail.Testing;
using static Microsoft.Playwright.Assertions;

namespace RedSail.BrowserTests;

/// <summary>Reading a compiled volume (汇编册) in the e-book reader: from the shelf, through the contents, page by page, on a wide screen and a phone.</summary>
[DemoInstitute]
public sealed class ArchivesVolumesTests : BrowserFixture
{
    private Guid _root;
    private const string VolumeTitle = "2021年党建工作文件汇编（阅读测试）";

    [OneTimeSetUp]
    public async Task SeedVolume()
    {
        _root = await SeedDemoInstituteAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await Host.ScalarAsync<long>("select count(*) from archives.organization") < 56 && DateTime.UtcNow < deadline) await Task.Delay(100);
        var archivesRoot = await ArchiveDocuments.RootAsync(Host);
        var documents = new[]
        {
            await ArchiveDocuments.AddAsync(Host, "关于全面加强党支部建设的实施意见", 0, archivesRoot, docNumber: "红党发〔2021〕5号", fileTexts: Text("加强支部建设提升组织力", 6, 480)),
            await ArchiveDocuments.AddAsync(Host, "院党委理论学习中心组年度学习计划", 0, archivesRoot, docNumber: "红党发〔2021〕9号", fileTexts: Text("深入学习贯彻党的创新理论", 4, 420)),
            await ArchiveDocuments.AddAsync(Host, "关于做好党费收缴工作的通知", 0, archivesRoot, summary: "请各支部按月足额收缴党费。"),
        };
        await Host.ScalarAsync<object>("""
            with v as (insert into archives.volume (id, title, subtitle, compiled_by, year, featured) values (gen_random_uuid(), @title, '院党委文件选编', '党委办公室', 2021, true) returning id)
            insert into archives.volume_item (volume_id, document_id, position, section_heading)
            select v.id, d.id, d.n, case when d.n = 1 then '一、组织建设' end from v, unnest(@documents) with ordinality d (id, n)
            """, ("title", VolumeTitle), ("documents", documents));
    }

    private static string Text(string seed, int paragraphs, int length)
    {
        var text = new StringBuilder();
        for (var p = 0; p < paragraphs; p++)
        {
            for (var i = 0; i < length; i++) text.Append(i % 24 == 23 ? '。' : seed[(p + i) % seed.Length]);
            text.Append('\n');
        }
        return text.ToString();
    }

    private async Task<IPage> OpenReaderAsync(BrowserNewContextOptions? options = null, bool throughMenu = true)
    {
        var page = await NewPageAsync(options);
        await Ui.SignInAsync(page, await Host.CreateUserAsync(RoleCatalog.BranchSecretary, await Host.ScalarAsync<Guid>(
            "select id from personnel.organization where code = 'RS-01'")));
        if (throughMenu) await Ui.OpenAsync(page, "volumes", "汇编册");
        else
        {
            await page.GotoAsync("/archives/volumes");
            await Expect(page.ById("page-title")).ToHaveTextAsync("汇编册");
        }
        await page.Locator($"[data-testid=volume-card][data-volume-title='{VolumeTitle}']").ClickAsync();
        await Expect(page.ById("page-title")).ToHaveTextAsync(VolumeTitle);
        await Expect(page.ById("reader-cover-title")).ToHaveTextAsync(VolumeTitle);
        return page;
    }

    private static ILocator Pages(IPage page) => page.ById("reader-spread").Locator("[data-testid=reader-page]");

    [Test, CancelAfter(TestTimeout)]
    public async Task On_a_wide_screen_the_reader_shows_spreads_jumps_from_the_contents_and_turns_pages_with_buttons_and_keys(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var page = await OpenReaderAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 1000 } });

        // The cover alone, then the contents beside the first page of the first document.
        await Expect(Pages(page)).ToHaveCountAsync(1);
        await Expect(page.ById("reader-prev")).ToBeDisabledAsync();
        await page.ById("reader-next").ClickAsync();
        await Expect(Pages(page)).ToHaveCountAsync(2);
        await Expect(Pages(page).First).ToHaveAttributeAsync("data-page", "2");
        await Expect(Pages(page).First).ToContainTextAsync("目　录");
        await Expect(Pages(page).First).ToContainTextAsync("一、组织建设");
        var total = int.Parse(Regex.Match(await page.ById("reader-page-number").InnerTextAsync(), @"/ (\d+)").Groups[1].Value);
        await Expect(page.ById("reader-page-number")).ToHaveTextAsync($"2–3 / {total}");
        await Expect(Pages(page).Nth(1).ById("reader-doc-title")).ToHaveTextAsync("关于全面加强党支部建设的实施意见");
        await Expect(Pages(page).Nth(1)).ToContainTextAsync("红党发〔2021〕5号");

        // The contents drawer names each document's first page; choosing one opens the spread it starts on.
        await page.ById("reader-toc-button").ClickAsync();
        var entry = page.ById("toc-entry-1");
        await Expect(entry).ToContainTextAsync("院党委理论学习中心组年度学习计划");
        var start = int.Parse((await entry.Locator(".reader__toc-page").InnerTextAsync()).Trim());
        await entry.ClickAsync();
        await Expect(page.Locator($"[data-testid=reader-page][data-page='{start}']").ById("reader-doc-title")).ToHaveTextAsync("院党委理论学习中心组年度学习计划");
        var spread = start % 2 == 0 ? $"{start}–{start + 1}" : $"{start - 1}–{start}";
        await Expect(page.ById("reader-page-number")).ToHaveTextAsync($"{spread} / {total}");
        await Expect(page).ToHaveURLAsync(new Regex($@"page={(start % 2 == 0 ? start : start - 1)}$"));

        // → and ← turn a spread; the buttons too.
        var left = start % 2 == 0 ? start : start - 1;
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(Pages(page).First).ToHaveAttributeAsync("data-page", (left + 2).ToString());
        await page.Keyboard.PressAsync("ArrowLeft");
        await Expect(Pages(page).First).ToHaveAttributeAsync("data-page", left.ToString());
        await page.ById("reader-prev").ClickAsync();
        await Expect(Pages(page).First).ToHaveAttributeAsync("data-page", (left - 2).ToString());
        await Expect(Pages(page).Nth(1).Locator(".reader-text").First).ToHaveCSSAsync("font-family", new Regex("serif"));
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task On_a_phone_the_reader_shows_one_page_at_a_time_within_the_screen(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var page = await OpenReaderAsync(Phone, throughMenu: false);

        await Expect(Pages(page)).ToHaveCountAsync(1);
        await page.ById("reader-next").TapAsync();
        await Expect(Pages(page)).ToHaveCountAsync(1);
        await Expect(Pages(page).First).ToHaveAttributeAsync("data-page", "2");
        await page.ById("reader-toc-button").TapAsync();
        await page.ById("toc-entry-2").TapAsync();
        await Expect(Pages(page).First.ById("reader-doc-title")).ToHaveTextAsync("关于做好党费收缴工作的通知");
        await Expect(Pages(page).First).ToContainTextAsync("请各支部按月足额收缴党费。");
        await page.ById("reader-prev").TapAsync();
        await Expect(Pages(page).First).Not.ToContainTextAsync("请各支部按月足额收缴党费。");
        Assert.That(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), Is.LessThanOrEqualTo(390), "reader width at 390 px");
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task The_committee_compiles_a_volume_finds_documents_by_title_and_reorders_them(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var page = await NewPageAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await Ui.SignInAsync(page, await Host.CreateUserAsync(RoleCatalog.CommitteeAdmin, _root));
        await Ui.OpenAsync(page, "volumes", "汇编册");
        await page.ById("volume-create").ClickAsync();
        await page.ById("volume-title-input").FillAsync("编排测试汇编");
        await page.ById("volume-save").ClickAsync();
        await Expect(page.ById("page-title")).ToHaveTextAsync("编辑汇编册");

        foreach (var title in new[] { "党费收缴", "学习计划" })
        {
            await page.ById("candidate-search").FillAsync(title);
            await page.ById("candidate-search").PressAsync("Enter");
            await Expect(page.ById("candidates-table").Locator("tbody tr")).ToHaveCountAsync(1);
            await page.ById("candidate-add-0").ClickAsync();
            await Expect(page.ById("candidates-table")).ToContainTextAsync("已收录");
        }
        var titles = page.ById("volume-item-title");
        await Expect(titles).ToHaveTextAsync(["关于做好党费收缴工作的通知", "院党委理论学习中心组年度学习计划"]);

        await page.ById("item-up-1").ClickAsync();
        await page.ById("item-heading-0").FillAsync("一、理论学习");
        await Expect(titles).ToHaveTextAsync(["院党委理论学习中心组年度学习计划", "关于做好党费收缴工作的通知"]);
        await page.ById("order-save").ClickAsync();
        await Expect(page.ById("order-save")).ToBeDisabledAsync();

        await page.ReloadAsync();
        await Expect(titles).ToHaveTextAsync(["院党委理论学习中心组年度学习计划", "关于做好党费收缴工作的通知"]);
        await page.ById("volume-read").ClickAsync();
        await page.ById("reader-next").ClickAsync();
        await Expect(Pages(page).First.ById("reader-toc-line")).ToHaveTextAsync([new Regex("^院党委理论学习中心组年度学习计划\\s*3$"), new Regex("^关于做好党费收缴工作的通知")]);
        await Expect(Pages(page).First).ToContainTextAsync("一、理论学习");
    }
}
