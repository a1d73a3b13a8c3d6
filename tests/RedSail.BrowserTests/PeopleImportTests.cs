using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MiniExcelLibs;
using NUnit.Framework;
using RedSail.Platform.Access;
using RedSail.Testing;
using static Microsoft.Playwright.Assertions;

namespace RedSail.BrowserTests;

/// <summary>The committee administrator imports people from Excel through the wizard, and exports the list.</summary>
[DemoInstitute]
public sealed class PeopleImportTests : BrowserFixture
{
    private const string Branch = "机关第一党支部";
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private Guid _root;

    [OneTimeSetUp]
    public async Task SeedInstitute() => _root = await SeedDemoInstituteAsync();

    [Test, CancelAfter(TestTimeout)]
    public async Task A_valid_file_is_previewed_without_errors_committed_and_its_people_are_in_the_register_and_the_list(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var committee = await Host.CreateUserAsync(RoleCatalog.CommitteeAdmin, _root);
        var prefix = UniquePrefix();
        var page = await NewPageAsync();

        await Ui.SignInAsync(page, committee);
        await Ui.OpenAsync(page, "people", "人员信息");
        await page.ById("people-import").ClickAsync();
        await Expect(page.ById("page-title")).ToHaveTextAsync("导入人员");
        await Expect(page.ById("import-upload-limits")).ToContainTextAsync("24 MB");
        await UploadAsync(page, ValidFile(prefix, "330108"));

        await Expect(page.ById("import-preview-rows")).ToHaveTextAsync("3");
        await Expect(page.ById("import-preview-valid")).ToHaveTextAsync("3");
        await Expect(page.ById("import-preview-errors")).ToHaveTextAsync("0");
        await Expect(page.ById("import-preview-ok")).ToContainTextAsync("全部 3 行校验通过");
        await Expect(page.ById("import-errors")).ToHaveCountAsync(0);
        Assert.That(await CountByPrefixAsync(prefix), Is.Zero, "the preview records nobody");

        var committed = await page.RunAndWaitForResponseAsync(() => page.ById("import-commit").ClickAsync(),
            r => r.Url.EndsWith("/commit", StringComparison.Ordinal) && r.Request.Method == "POST");
        Assert.That(committed.Status, Is.EqualTo(200), await committed.TextAsync());
        await Expect(page.ById("import-result-count")).ToHaveTextAsync("已登记 3 人。");
        var batch = Guid.Parse((await page.ById("import-result-batch").TextContentAsync())!);

        // The register, as the API reads it: the three people, in the branch, recorded by this batch.
        using var api = Host.Client();
        await api.SignInAsync(committee);
        var found = await api.GetJsonAsync<JsonElement>($"/api/personnel/people?keyword={Uri.EscapeDataString(prefix)}&pageSize=50");
        var people = found.GetProperty("items").EnumerateArray().ToList();
        Assert.That(people.Select(p => p.GetProperty("name").GetString()), Is.EquivalentTo(new[] { $"{prefix}0", $"{prefix}1", $"{prefix}2" }));
        Assert.That(people.Select(p => p.GetProperty("organizationName").GetString()), Has.All.EqualTo(Branch));
        Assert.That(people.Select(p => p.GetProperty("partyStatus").GetString()), Has.All.EqualTo("full_member"));
        Assert.That(await Host.ScalarAsync<long>("select count(*) from personnel.person where import_batch_id = @b", ("b", batch)), Is.EqualTo(3L));

        // Back to the list, on the branch the import went into: the new people are there.
        await page.ById("import-back-to-list").ClickAsync();
        await Expect(page.ById("page-title")).ToHaveTextAsync("人员信息");
        await Expect(page).ToHaveURLAsync(new Regex(@"/personnel/people\?organizationId="));
        await page.ById("people-search").FillAsync(prefix);
        await page.ById("people-search-submit").ClickAsync();
        var rows = page.ById("people-table").Locator(".el-table__body-wrapper tbody tr");
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(rows.First).ToContainTextAsync(Branch);
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task A_file_with_an_invalid_ID_number_shows_that_row_in_the_preview_cannot_be_committed_and_saves_nothing(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var committee = await Host.CreateUserAsync(RoleCatalog.CommitteeAdmin, _root);
        var prefix = UniquePrefix();
        var rows = Rows(prefix, "330109");
        rows[1]["身份证号"] = IdNumbers.WithWrongCheck((string)rows[1]["身份证号"]!); // Excel row 3
        var page = await NewPageAsync();

        await Ui.SignInAsync(page, committee);
        await page.GotoAsync("/personnel/people/import");
        await Expect(page.ById("page-title")).ToHaveTextAsync("导入人员");

        // Not an .xlsx by its name: refused on the spot, nothing to upload.
        await page.ById("import-upload").Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "人员.xls", MimeType = "application/vnd.ms-excel", Buffer = [0xD0, 0xCF, 0x11, 0xE0],
        });
        await Expect(page.FieldError("import-upload")).ToContainTextAsync("只能上传 .xlsx");
        await Expect(page.ById("import-upload-submit")).ToBeDisabledAsync();

        await UploadAsync(page, PeopleSheets.Xlsx(rows));

        await Expect(page.ById("import-preview-rows")).ToHaveTextAsync("3");
        await Expect(page.ById("import-preview-valid")).ToHaveTextAsync("2");
        await Expect(page.ById("import-preview-invalid")).ToHaveTextAsync("1");
        await Expect(page.ById("import-errors-hint")).ToContainTextAsync("重新上传");
        var errors = page.ById("import-errors").Locator(".el-table__body-wrapper tbody tr");
        await Expect(errors).ToHaveCountAsync(1);
        await Expect(errors.First.Locator("td").Nth(0)).ToHaveTextAsync("3");
        await Expect(errors.First.Locator("td").Nth(1)).ToHaveTextAsync("身份证号");
        await Expect(errors.First.Locator("td").Nth(2)).ToContainTextAsync("GB 11643");
        await Expect(page.ById("import-commit")).ToBeDisabledAsync();

        Assert.That(await CountByPrefixAsync(prefix), Is.Zero, "nothing is saved");

        // Fixing means uploading again: back to the first step.
        await page.ById("import-reupload").ClickAsync();
        await Expect(page.ById("import-upload-submit")).ToBeVisibleAsync();
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task A_committed_batch_is_rolled_back_after_confirmation_and_its_people_are_gone(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var committee = await Host.CreateUserAsync(RoleCatalog.CommitteeAdmin, _root);
        var prefix = UniquePrefix();
        var page = await NewPageAsync();

        await Ui.SignInAsync(page, committee);
        await page.GotoAsync("/personnel/people/import");
        await UploadAsync(page, ValidFile(prefix, "330110"));
        await page.ById("import-commit").ClickAsync();
        await Expect(page.ById("import-result-count")).ToHaveTextAsync("已登记 3 人。");
        Assert.That(await CountByPrefixAsync(prefix), Is.EqualTo(3L));

        // Asked first: backing out keeps the batch.
        await page.ById("import-rollback").ClickAsync();
        await Expect(page.Locator(".el-message-box")).ToContainTextAsync("3 人将从人员库中移除");
        await page.Locator(".el-message-box__btns").GetByRole(AriaRole.Button, new() { Name = "取消" }).ClickAsync();
        await Expect(page.ById("import-rollback")).ToBeVisibleAsync();
        Assert.That(await CountByPrefixAsync(prefix), Is.EqualTo(3L));

        await page.ById("import-rollback").ClickAsync();
        var rolledBack = await page.RunAndWaitForResponseAsync(
            () => page.Locator(".el-message-box__btns").GetByRole(AriaRole.Button, new() { Name = "确定" }).ClickAsync(),
            r => r.Url.EndsWith("/rollback", StringComparison.Ordinal));
        Assert.That(rolledBack.Status, Is.EqualTo(200), await rolledBack.TextAsync());
        await Expect(page.ById("import-rolled-back")).ToContainTextAsync("3 人已从人员库中移除");
        await Expect(page.ById("import-rollback")).ToHaveCountAsync(0);
        Assert.That(await CountByPrefixAsync(prefix), Is.Zero);
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task The_export_saves_the_people_of_the_chosen_branch_masked_under_the_servers_file_name(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var committee = await Host.CreateUserAsync(RoleCatalog.CommitteeAdmin, _root);
        var page = await NewPageAsync();

        await Ui.SignInAsync(page, committee);
        await Ui.OpenAsync(page, "people", "人员信息");
        var listed = await page.RunAndWaitForResponseAsync(() => page.ById("org-tree").GetByText(Branch, new() { Exact = true }).ClickAsync(),
            r => r.Url.Contains("/api/personnel/people?", StringComparison.Ordinal) && r.Url.Contains("organizationId=", StringComparison.Ordinal));
        var total = (await listed.JsonAsync())!.Value.GetProperty("total").GetInt64();
        Assert.That(total, Is.GreaterThan(0));

        var download = await page.RunAndWaitForDownloadAsync(() => page.ById("people-export").ClickAsync());
        Assert.That(download.SuggestedFilename, Does.Match(@"^people-\d{14}\.xlsx$"));
        await using var file = await download.CreateReadStreamAsync();
        using var content = new MemoryStream();
        await file.CopyToAsync(content, cancellationToken);
        content.Position = 0;
        var exported = MiniExcel.Query(content, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.That(exported, Has.Count.EqualTo(total));
        Assert.That(exported.Select(r => r["组织"]), Has.All.EqualTo(Branch));
        Assert.That(exported.Select(r => (string?)r["身份证号"]), Has.All.Matches(@"^\d{3}\*{14}[\dX]$"));
        await Expect(page.ById("people-export-progress")).ToHaveCountAsync(0);
    }

    /// <summary>Picks the branch, puts the file into the drop zone, uploads it and waits for the server's preview.</summary>
    private static async Task UploadAsync(IPage page, byte[] xlsx)
    {
        await page.ChooseAsync("import-organization", Branch);
        await page.ById("import-upload").Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "人员导入.xlsx", MimeType = XlsxType, Buffer = xlsx,
        });
        await Expect(page.ById("import-upload-file")).ToContainTextAsync("人员导入.xlsx");
        var previewed = await page.RunAndWaitForResponseAsync(() => page.ById("import-upload-submit").ClickAsync(),
            r => r.Url.EndsWith("/api/personnel/people/imports", StringComparison.Ordinal) && r.Request.Method == "POST");
        Assert.That(previewed.Status, Is.EqualTo(200), await previewed.TextAsync());
    }

    /// <summary>Three valid people named prefix0…prefix2, with ID numbers of an address code no other test uses.</summary>
    private static List<Dictionary<string, object?>> Rows(string prefix, string region) =>
        Enumerable.Range(0, 3).Select(i =>
        {
            var row = PeopleSheets.Row(i, region);
            row["姓名"] = $"{prefix}{i}";
            return row;
        }).ToList();

    private static byte[] ValidFile(string prefix, string region) => PeopleSheets.Xlsx(Rows(prefix, region));

    private static string UniquePrefix() => "导入" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

    private Task<long> CountByPrefixAsync(string prefix) =>
        Host.ScalarAsync<long>("select count(*) from personnel.person where name like @p", ("p", prefix + "%"));
}
