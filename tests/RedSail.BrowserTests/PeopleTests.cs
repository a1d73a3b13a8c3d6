using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NUnit.Framework;
using RedSail.Platform.Access;
using RedSail.Testing;
using static Microsoft.Playwright.Assertions;

namespace RedSail.BrowserTests;

/// <summary>The committee administrator keeps the people of the demo institute: recording, unmasking, party status.</summary>
[DemoInstitute]
public sealed class PeopleTests : BrowserFixture
{
    /// <summary>西湖区: an address code the demo data does not use, so generated ID numbers never collide with it.</summary>
    private const string AddressCode = "330106";

    private Guid _root;
    private Guid _branch;

    [OneTimeSetUp]
    public async Task SeedInstitute()
    {
        _root = await SeedDemoInstituteAsync();
        _branch = await Host.ScalarAsync<Guid>("select id from personnel.organization where name = '机关第一党支部'");
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task An_invalid_ID_number_is_refused_under_its_field_and_the_corrected_member_is_saved_and_found(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var committee = await Host.CreateUserAsync(RoleCatalog.CommitteeAdmin, _root);
        var page = await NewPageAsync();
        var name = UniqueName();
        var birth = new DateOnly(1986, 3, 14);
        var idNumber = Ui.IdNumber(birth, NextSequence(male: true), AddressCode);

        await Ui.SignInAsync(page, committee);
        await Ui.OpenAsync(page, "people", "人员信息");
        await Expect(page.ById("people-table").Locator(".el-table__body-wrapper tbody tr").First).ToBeVisibleAsync();

        await page.ById("people-create").ClickAsync();
        await Expect(page.Locator(".el-dialog:visible")).ToContainTextAsync("新增人员");
        await page.ChooseAsync("person-form-organization", "机关第一党支部");
        await page.ById("person-form-name").FillAsync(name);
        await page.ById("person-form-idNumber").FillAsync(IdNumbers.WithWrongCheck(idNumber));
        await page.ChooseAsync("person-form-ethnicity", "汉族");
        await page.ChooseAsync("person-form-partyStatus", "正式党员");
        await page.FillDateAsync("person-form-joinedOn", "2012-07-01");
        await page.FillDateAsync("person-form-convertedOn", "2013-07-01");

        await page.ById("person-form-submit").ClickAsync();
        await Expect(page.FieldError("person-form-idNumber")).ToContainTextAsync("身份证号无效");
        await Expect(page.Locator(".el-dialog:visible")).ToHaveCountAsync(1);
        Assert.That(await CountByNameAsync(name), Is.EqualTo(0), "nothing is saved with an invalid ID number");

        // Corrected: the ID number fills in birth date and gender, and the server takes it.
        await page.ById("person-form-idNumber").FillAsync(idNumber);
        await Expect(page.ById("person-form-birthDate").Locator("input")).ToHaveValueAsync("1986-03-14");
        await Expect(page.ById("person-form-gender")).ToContainTextAsync("男");
        var saved = await page.RunAndWaitForResponseAsync(() => page.ById("person-form-submit").ClickAsync(),
            r => r.Url.EndsWith("/api/personnel/people", StringComparison.Ordinal) && r.Request.Method == "POST");
        Assert.That(saved.Status, Is.EqualTo(201), await saved.TextAsync());
        await Expect(page.Locator(".el-dialog:visible")).ToHaveCountAsync(0);
        Assert.That(await CountByNameAsync(name), Is.EqualTo(1));

        await page.ById("people-search").FillAsync(name);
        await page.RunAndWaitForResponseAsync(() => page.ById("people-search-submit").ClickAsync(),
            r => r.Url.Contains("/api/personnel/people?", StringComparison.Ordinal) && r.Url.Contains("keyword=", StringComparison.Ordinal));
        var rows = page.ById("people-table").Locator(".el-table__body-wrapper tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync(name);
        await Expect(rows.First).ToContainTextAsync("正式党员");
        await Expect(rows.First).ToContainTextAsync("330**************");

        // The same ID number again: the server's message lands under the field.
        await page.ById("people-create").ClickAsync();
        await page.ChooseAsync("person-form-organization", "机关第一党支部");
        await page.ById("person-form-name").FillAsync(UniqueName());
        await page.ById("person-form-idNumber").FillAsync(idNumber);
        await page.ChooseAsync("person-form-ethnicity", "汉族");
        await page.ChooseAsync("person-form-partyStatus", "群众");
        await page.ById("person-form-submit").ClickAsync();
        await Expect(page.FieldError("person-form-idNumber")).ToContainTextAsync("已登记在另一人员名下");
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task A_person_shows_the_masked_ID_number_and_the_full_one_only_after_a_confirmed_and_audited_unmask(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var committee = await Host.CreateUserAsync(RoleCatalog.CommitteeAdmin, _root);
        var idNumber = Ui.IdNumber(new DateOnly(1990, 8, 2), NextSequence(male: false), AddressCode);
        var name = UniqueName();
        var id = await RecordAsync(committee, name, idNumber, "full_member", new { joinedOn = "2015-06-30", convertedOn = "2016-07-01" });
        var page = await NewPageAsync();

        await Ui.SignInAsync(page, committee);
        await Ui.OpenAsync(page, "people", "人员信息");
        await page.ById("people-search").FillAsync(name);
        await page.ById("people-search-submit").ClickAsync();
        await page.ById("people-table").Locator(".el-table__body-wrapper tbody tr").Filter(new() { HasText = name }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/personnel/people/{id}$"));
        await Expect(page.ById("person-name")).ToHaveTextAsync(name);
        await Expect(page.ById("person-idNumber")).ToHaveTextAsync("330" + new string('*', 14) + idNumber[17..]);
        var before = await UnmaskAuditsAsync(id);

        // Asked first: backing out shows nothing and records nothing.
        await page.ById("person-unmask").ClickAsync();
        await Expect(page.Locator(".el-message-box")).ToContainTextAsync("审计日志");
        await page.Locator(".el-message-box__btns").GetByRole(AriaRole.Button, new() { Name = "取消" }).ClickAsync();
        await Expect(page.ById("person-idNumber")).ToContainTextAsync("********");

        await page.ById("person-unmask").ClickAsync();
        await page.RunAndWaitForResponseAsync(
            () => page.Locator(".el-message-box__btns").GetByRole(AriaRole.Button, new() { Name = "确定" }).ClickAsync(),
            r => r.Url.Contains($"/api/personnel/people/{id}?unmask=true", StringComparison.Ordinal));
        await Expect(page.ById("person-idNumber")).ToHaveTextAsync(idNumber);
        await Expect(page.ById("person-unmask")).ToHaveCountAsync(0);
        Assert.That(await Eventually.HoldsAsync(async () => await UnmaskAuditsAsync(id) == before + 1), Is.True, "one audited unmask");
        Assert.That(await Host.ScalarAsync<long>("select count(*) from platform.audit_log where action = 'personnel.people.unmask'"),
            Is.GreaterThanOrEqualTo(1));
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task The_status_dialog_moves_an_applicant_to_activist_and_the_timeline_shows_it(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var committee = await Host.CreateUserAsync(RoleCatalog.CommitteeAdmin, _root);
        var name = UniqueName();
        // UTC's date is never after the institution's (east of UTC), by which the server judges "not after today".
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var id = await RecordAsync(committee, name, Ui.IdNumber(new DateOnly(1998, 11, 20), NextSequence(male: true), AddressCode), "applicant",
            new { appliedOn = today.AddMonths(-7).ToString("yyyy-MM-dd") });
        var page = await NewPageAsync();

        await Ui.SignInAsync(page, committee);
        await page.GotoAsync($"/personnel/people/{id}");
        await Expect(page.ById("person-name")).ToHaveTextAsync(name);
        await page.ById("person-tab-party").ClickAsync();
        await page.ById("party-status-change").ClickAsync();

        // Only the moves the regulations allow are offered.
        await page.ById("party-status-to").ClickAsync();
        var options = page.Locator(".el-select__popper:visible .el-select-dropdown__item");
        await Expect(options).ToHaveTextAsync(new[] { "入党积极分子", "群众", "死亡" });
        await options.GetByText("入党积极分子", new() { Exact = true }).ClickAsync();
        await page.FillDateAsync("party-status-effectiveOn", today.ToString("yyyy-MM-dd"));
        await page.ById("party-status-reason").FillAsync("经支部委员会研究，确定为入党积极分子");
        await page.ById("party-status-documentNumber").FillAsync("机关一支〔2025〕3号");
        var changed = await page.RunAndWaitForResponseAsync(() => page.ById("party-status-submit").ClickAsync(),
            r => r.Url.EndsWith($"/api/personnel/people/{id}/party-status", StringComparison.Ordinal));
        Assert.That(changed.Status, Is.EqualTo(200), await changed.TextAsync());

        await Expect(page.ById("person-status")).ToHaveTextAsync("入党积极分子");
        await Expect(page.ById("person-party")).ToContainTextAsync(today.ToString("yyyy-MM-dd"));
        await page.ById("person-tab-changes").ClickAsync();
        var latest = page.ById("person-changes").Locator(".el-timeline-item").First;
        await Expect(latest).ToContainTextAsync("党籍状态变更");
        await Expect(latest).ToContainTextAsync("入党申请人 → 入党积极分子");
        await Expect(latest).ToContainTextAsync("经支部委员会研究，确定为入党积极分子");
        await Expect(latest).ToContainTextAsync("机关一支〔2025〕3号");
        await Expect(page.ById("person-changes").Locator(".el-timeline-item").Last).ToContainTextAsync("登记入库");
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task On_a_phone_the_people_list_and_a_person_fit_the_screen(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var committee = await Host.CreateUserAsync(RoleCatalog.CommitteeAdmin, _root);
        var page = await NewPageAsync(Phone);

        await Ui.SignInAsync(page, committee);
        await page.ById("menu-toggle").TapAsync();
        await page.ById("menu-people").TapAsync();
        await Expect(page.ById("page-title")).ToHaveTextAsync("人员信息");
        var rows = page.ById("people-table").Locator(".el-table__body-wrapper tbody tr");
        await Expect(rows.First).ToBeVisibleAsync();
        Assert.That(await ScrollWidthAsync(page), Is.LessThanOrEqualTo(390), "people list at 390 px");
        await page.ById("people-more").TapAsync();
        await Expect(page.ById("people-joined-years")).ToBeVisibleAsync();
        Assert.That(await ScrollWidthAsync(page), Is.LessThanOrEqualTo(390), "people list with every filter at 390 px");

        var name = await rows.First.Locator(".people__name").TextContentAsync();
        await rows.First.Locator(".people__name").TapAsync();
        await Expect(page.ById("person-name")).ToHaveTextAsync(name!);
        await Expect(page.ById("person-idNumber")).ToContainTextAsync("********");
        Assert.That(await ScrollWidthAsync(page), Is.LessThanOrEqualTo(390), "person page at 390 px");
    }

    /// <summary>How wide the page scrolls: the document, plus any overflow of the content area (which scrolls by itself).</summary>
    private static Task<int> ScrollWidthAsync(IPage page) => page.EvaluateAsync<int>("""
        () => {
          const main = document.querySelector('.el-main');
          const overflow = main ? main.scrollWidth - main.clientWidth : 0;
          return document.documentElement.scrollWidth + Math.max(0, overflow);
        }
        """);

    private static int _sequence = Random.Shared.Next(0, 300) * 2;

    /// <summary>A sequence not used before in this run, odd for a man and even for a woman.</summary>
    private static int NextSequence(bool male) => Interlocked.Add(ref _sequence, 2) % 998 + (male ? 1 : 0);

    private static string UniqueName() => "测试人员" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

    private Task<long> CountByNameAsync(string name) =>
        Host.ScalarAsync<long>("select count(*) from personnel.person where name = @n", ("n", name));

    private Task<long> UnmaskAuditsAsync(Guid id) =>
        Host.ScalarAsync<long>("select count(*) from platform.audit_log where action = 'personnel.people.unmask' and result = 'success' and target_id = @id",
            ("id", id.ToString()));

    /// <summary>Records a person through the API, as the given user, and returns their id.</summary>
    private async Task<Guid> RecordAsync(TestUser user, string name, string idNumber, string partyStatus, object partyDates)
    {
        using var api = Host.Client();
        await api.SignInAsync(user);
        var birth = $"{idNumber[6..10]}-{idNumber[10..12]}-{idNumber[12..14]}";
        var gender = (idNumber[16] - '0') % 2 == 1 ? "1" : "2";
        var response = await api.PostAsync("/api/personnel/people", new
        {
            organizationId = _branch,
            basics = new { name, gender, ethnicity = "01", birthDate = birth, idNumber, phone = "13800138000", education = "21" },
            partyStatus,
            partyDates,
        });
        await ApiClient.EnsureAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
