using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MiniExcelLibs;
using NUnit.Framework;
using RedSail.Platform.Access;
using RedSail.Testing;
using static Microsoft.Playwright.Assertions;

namespace RedSail.BrowserTests;

/// <summary>The committee administrator imports family members of people already recorded through the import wizard.</summary>
[DemoInstitute]
public sealed class RecordsImportTests : BrowserFixture
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private Guid _root;
    private Guid _branch;

    [OneTimeSetUp]
    public async Task SeedInstitute()
    {
        _root = await SeedDemoInstituteAsync();
        _branch = await Host.ScalarAsync<Guid>("select id from personnel.organization where code = 'RS-01'");
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task A_family_file_goes_through_the_wizard_and_its_entries_are_on_the_persons_page(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var committee = await Host.CreateUserAsync(RoleCatalog.CommitteeAdmin, _root);
        using var api = Host.Client();
        await api.SignInAsync(committee);
        var first = Ui.IdNumber(new DateOnly(1975, 3, 8), 311, "330111");
        var second = Ui.IdNumber(new DateOnly(1976, 4, 9), 312, "330111");
        var firstPerson = await RecordAsync(api, "家属导入甲", first);
        await RecordAsync(api, "家属导入乙", second);
        var page = await NewPageAsync();

        await Ui.SignInAsync(page, committee);
        await page.GotoAsync("/personnel/people/import");
        await Expect(page.ById("page-title")).ToHaveTextAsync("导入人员");
        await page.ById("import-kind-records").ClickAsync();
        await page.ChooseAsync("import-set", "家庭成员");
        await Expect(page).ToHaveURLAsync(new Regex(@"kind=records&set=family"));
        await Expect(page.ById("import-organization")).ToHaveCountAsync(0);

        // The set's own template: 身份证号, then the family member's columns.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ById("import-template").ClickAsync());
        Assert.That(download.SuggestedFilename, Is.EqualTo("family-import-template.xlsx"));
        await using (var template = await download.CreateReadStreamAsync())
        {
            using var content = new MemoryStream();
            await template.CopyToAsync(content, cancellationToken);
            content.Position = 0;
            Assert.That(((IDictionary<string, object?>)MiniExcel.Query(content).First()).Values,
                Is.EqualTo(new[] { "身份证号", "与本人关系", "家庭成员姓名", "出生年份", "政治面貌", "工作单位及职务" }));
        }

        await page.ById("import-upload").Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "家庭成员.xlsx", MimeType = XlsxType, Buffer = RecordSheets.Xlsx([RecordSheets.FamilyRow(1, first), RecordSheets.FamilyRow(2, second)]),
        });
        var previewed = await page.RunAndWaitForResponseAsync(() => page.ById("import-upload-submit").ClickAsync(),
            r => r.Url.EndsWith("/api/personnel/records/imports", StringComparison.Ordinal) && r.Request.Method == "POST");
        Assert.That(previewed.Status, Is.EqualTo(200), await previewed.TextAsync());
        await Expect(page.ById("import-preview-rows")).ToHaveTextAsync("2");
        await Expect(page.ById("import-preview-valid")).ToHaveTextAsync("2");
        await Expect(page.ById("import-preview-ok")).ToBeVisibleAsync();
        await Expect(page.ById("import-kind-records")).ToHaveClassAsync(new Regex("is-disabled"));

        var committed = await page.RunAndWaitForResponseAsync(() => page.ById("import-commit").ClickAsync(),
            r => r.Url.EndsWith("/commit", StringComparison.Ordinal) && r.Request.Method == "POST");
        Assert.That(committed.Status, Is.EqualTo(200), await committed.TextAsync());
        Assert.That(committed.Url, Does.Contain("/api/personnel/records/imports/"));
        await Expect(page.ById("import-result-count")).ToHaveTextAsync("已导入 2 条。");

        // The person's page reads the entry through the API: there, masked.
        var entries = await api.GetJsonAsync<JsonElement>($"/api/personnel/people/{firstPerson}/records?set=family");
        var entry = entries.EnumerateArray().Single();
        Assert.That(entry.GetProperty("values").GetProperty("relation").GetString(), Is.EqualTo("10"));
        Assert.That(entry.GetProperty("values").GetProperty("name").GetString(), Is.EqualTo("王***"));
        Assert.That(entry.GetProperty("masked").GetBoolean(), Is.True);
    }

    /// <summary>Records a full member of the branch through the API and returns their id.</summary>
    private async Task<Guid> RecordAsync(ApiClient api, string name, string idNumber)
    {
        var response = await api.PostAsync("/api/personnel/people", new
        {
            organizationId = _branch,
            basics = new
            {
                name, gender = (idNumber[16] - '0') % 2 == 1 ? "1" : "2", ethnicity = "01",
                birthDate = $"{idNumber[6..10]}-{idNumber[10..12]}-{idNumber[12..14]}", idNumber, education = "21",
            },
            partyStatus = "full_member",
            partyDates = new { joinedOn = "2000-07-01", convertedOn = "2001-07-01" },
        });
        await ApiClient.EnsureAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
