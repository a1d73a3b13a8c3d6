using Microsoft.Playwright;
using NUnit.Framework;
using RedSail.Platform.Access;
using RedSail.Testing;
using static Microsoft.Playwright.Assertions;

namespace RedSail.BrowserTests;

/// <summary>史料库 in the browser: a file uploaded to a document is listed with its version and previewed (PDF with pdf.js, picture inline).</summary>
[DemoInstitute]
public sealed class ArchivesDocumentsTests : BrowserFixture
{
    private Guid _root;

    [OneTimeSetUp]
    public async Task SeedInstitute()
    {
        _root = await SeedDemoInstituteAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await Host.ScalarAsync<long>("select count(*) from archives.organization") < 56 && DateTime.UtcNow < deadline) await Task.Delay(100);
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task A_file_uploaded_to_a_document_is_listed_with_its_version_and_previewed(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var document = Guid.NewGuid();
        await Host.ExecuteAsync($"""
            insert into archives.document (id, title, doc_number, issued_on, issuing_body, category_id, organization_id, summary)
            values ('{document}', '关于开展党史学习教育的实施方案', '院党发〔2021〕12号', '2021-03-01', '中共红帆研究院委员会',
                    'a0000000-0000-4000-8000-000000000102', '{_root}', '在全院开展党史学习教育')
            """);
        var page = await NewPageAsync();
        var policyViolations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) policyViolations.Add(message.Text);
        };
        await Ui.SignInAsync(page, await Host.CreateUserAsync(RoleCatalog.CommitteeAdmin, _root));
        await page.GotoAsync("/archives");
        await Expect(page.ById("page-title")).ToHaveTextAsync("史料库");
        await Expect(page.ById("archives-categories")).ToContainTextAsync("党委发文");
        await page.ById("archives-documents").GetByText("关于开展党史学习教育的实施方案").ClickAsync();
        await Expect(page.ById("page-title")).ToHaveTextAsync("关于开展党史学习教育的实施方案");

        await UploadAsync(page, "实施方案.pdf", ArchiveFiles.ChinesePdf("党史学习教育实施方案"), "application/pdf");
        var files = page.ById("archives-files");
        await Expect(files.Locator("tr", new() { HasText = "实施方案.pdf" })).ToContainTextAsync("第 1 版");
        await Expect(page.ById("pdf-preview-page")).ToHaveTextAsync("第 1 / 1 页");
        await Expect(page.ById("pdf-preview").Locator("canvas")).ToBeVisibleAsync();

        await UploadAsync(page, "实施方案.pdf", ArchiveFiles.ChinesePdf("党史学习教育实施方案（修订）"), "application/pdf");
        await Expect(files.Locator("tr", new() { HasText = "实施方案.pdf" })).ToHaveCountAsync(2);
        await Expect(files.Locator("tr", new() { HasText = "第 2 版" })).ToHaveCountAsync(1);

        await UploadAsync(page, "动员大会.png", ArchiveFiles.Png(), "image/png", "党史学习教育动员大会");
        await files.Locator("tr", new() { HasText = "动员大会.png" }).GetByTestId("archives-preview").ClickAsync();
        var image = page.ById("image-preview");
        await Expect(image).ToBeVisibleAsync();
        await Expect(page.ById("archives-preview-panel")).ToContainTextAsync("党史学习教育动员大会");
        Assert.That(await image.EvaluateAsync<int>("img => img.naturalWidth"), Is.EqualTo(1), "the picture loaded from our own origin");
        await Expect(page.ById("archives-extraction")).ToContainTextAsync("3/3");
        Assert.That(policyViolations, Is.Empty, "the preview works under the strict content security policy");
    }

    private static async Task UploadAsync(IPage page, string name, byte[] content, string type, string? caption = null)
    {
        await page.ById("archives-upload").ClickAsync();
        await page.ById("archives-upload-file").SetInputFilesAsync(new FilePayload { Name = name, MimeType = type, Buffer = content });
        if (caption is not null) await page.ById("archives-upload-caption").FillAsync(caption);
        await page.ById("archives-upload-submit").ClickAsync();
        await Expect(page.ById("archives-upload-submit")).ToBeHiddenAsync();
    }
}
