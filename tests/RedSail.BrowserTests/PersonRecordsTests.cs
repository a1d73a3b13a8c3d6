using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using NUnit.Framework;
using RedSail.Platform.Access;
using RedSail.Testing;
using static Microsoft.Playwright.Assertions;

namespace RedSail.BrowserTests;

/// <summary>
/// The committee administrator keeps a member's information sets and organisational relation on the person's page:
/// a family member (sensitive, so masked), a field error of the united-front set, a flowing member.
/// </summary>
[DemoInstitute]
public sealed class PersonRecordsTests : BrowserFixture
{
    /// <summary>滨江区: an address code neither the demo data nor the other browser tests use.</summary>
    private const string AddressCode = "330108";

    private Guid _root;
    private Guid _branch;
    private TestUser _committee = null!;

    [OneTimeSetUp]
    public async Task SeedInstitute()
    {
        _root = await SeedDemoInstituteAsync();
        _branch = await Host.ScalarAsync<Guid>("select id from personnel.organization where name = '机关第一党支部'");
        _committee = await Host.CreateUserAsync(RoleCatalog.CommitteeAdmin, _root);
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task A_family_member_added_on_the_page_shows_masked_in_the_table_and_in_full_only_after_an_audited_unmask(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var id = await RecordMemberAsync();
        var page = await OpenPersonAsync(id);

        await page.ById("person-tab-family").ClickAsync();
        var table = page.ById("records-family-table");
        await Expect(table).ToContainTextAsync("暂无记录");
        await page.ById("records-family-add").ClickAsync();
        await Expect(page.Locator(".el-dialog:visible")).ToContainTextAsync("新增家庭成员");
        await page.ChooseAsync("record-form-relation", "配偶");
        await page.ById("record-form-name").FillAsync("王秀英");
        await page.ById("record-form-birthYear").Locator("input").FillAsync("1989");
        await page.ChooseAsync("record-form-politicalStatus", "群众");
        await page.ById("record-form-workUnit").FillAsync("北京市第一医院");
        var saved = await page.RunAndWaitForResponseAsync(() => page.ById("record-form-submit").ClickAsync(),
            r => r.Url.EndsWith($"/api/personnel/people/{id}/records", StringComparison.Ordinal) && r.Request.Method == "POST");
        Assert.That(saved.Status, Is.EqualTo(201), await saved.TextAsync());
        await Expect(page.Locator(".el-dialog:visible")).ToHaveCountAsync(0);

        // Code values as their names; the sensitive ones masked, each under a lock tag.
        var row = table.Locator(".el-table__body-wrapper tbody tr");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("配偶");
        await Expect(row).ToContainTextAsync("1989");
        await Expect(row).ToContainTextAsync("群众");
        await Expect(row).ToContainTextAsync("王**");
        await Expect(row).ToContainTextAsync("******");
        await Expect(row.GetByTestId("record-masked")).ToHaveCountAsync(2);
        await Expect(row).Not.ToContainTextAsync("王秀英");
        await Expect(row).Not.ToContainTextAsync("北京市第一医院");

        // 查看: asked first, then shown in full, and audited.
        await page.ById("records-family-unmask").ClickAsync();
        await page.RunAndWaitForResponseAsync(
            () => page.Locator(".el-message-box__btns").GetByRole(AriaRole.Button, new() { Name = "确定" }).ClickAsync(),
            r => r.Url.Contains($"/api/personnel/people/{id}/records?set=family&unmask=true", StringComparison.Ordinal));
        await Expect(row).ToContainTextAsync("王秀英");
        await Expect(row).ToContainTextAsync("北京市第一医院");
        await Expect(page.ById("records-family-unmasked")).ToBeVisibleAsync();
        Assert.That(await Eventually.HoldsAsync(async () => await Host.ScalarAsync<long>(
                "select count(*) from platform.audit_log where action = 'personnel.records.unmask' and result = 'success' and target_id = @id",
                ("id", id.ToString())) == 1), Is.True, "one audited unmask");
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task A_democratic_party_member_without_the_party_is_refused_under_the_field_and_nothing_is_saved(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var id = await RecordMemberAsync();
        var page = await OpenPersonAsync(id);

        await page.ById("person-tab-united_front").ClickAsync();
        await page.ById("records-united_front-add").ClickAsync();
        await page.ChooseAsync("record-form-category", "民主党派成员");
        var refused = await page.RunAndWaitForResponseAsync(() => page.ById("record-form-submit").ClickAsync(),
            r => r.Url.EndsWith($"/api/personnel/people/{id}/records", StringComparison.Ordinal) && r.Request.Method == "POST");
        Assert.That(refused.Status, Is.EqualTo(400), await refused.TextAsync());
        await Expect(page.FieldError("record-form-democraticParty")).ToContainTextAsync("民主党派成员须填写所属民主党派");
        await Expect(page.Locator(".el-dialog:visible")).ToHaveCountAsync(1);
        Assert.That(await CountRecordsAsync(id, "united_front"), Is.EqualTo(0), "nothing is saved");

        // With the party chosen the entry is saved, and shows as the person's one current entry.
        await page.ChooseAsync("record-form-democraticParty", "民盟");
        await page.ById("record-form-submit").ClickAsync();
        await Expect(page.Locator(".el-dialog:visible")).ToHaveCountAsync(0);
        var card = page.ById("records-united_front-card");
        await Expect(card).ToContainTextAsync("民主党派成员");
        await Expect(card).ToContainTextAsync("民盟");
        await Expect(page.ById("records-united_front-add")).ToHaveCountAsync(0);
        Assert.That(await CountRecordsAsync(id, "united_front"), Is.EqualTo(1));
    }

    [Test, CancelAfter(TestTimeout)]
    public async Task A_member_registered_as_flowing_needs_the_whereabouts_and_then_shows_the_flowing_tag(CancellationToken cancellationToken)
    {
        using var abort = AbortOnTimeout(cancellationToken);
        var id = await RecordMemberAsync();
        var page = await OpenPersonAsync(id);
        await Expect(page.ById("person-relation")).ToHaveTextAsync("组织关系正常");

        await page.ById("person-relation-actions").ClickAsync();
        await page.ById("relation-register").ClickAsync();
        await Expect(page.Locator(".el-dialog:visible")).ToContainTextAsync("流动/失联登记");
        await page.ChooseAsync("relation-to", "流动党员");
        await page.ById("relation-reason").FillAsync("外出务工");
        await page.ById("relation-submit").ClickAsync();
        await Expect(page.FieldError("relation-whereabouts")).ToContainTextAsync("请输入去向及联系方式");
        Assert.That(await RelationAsync(id), Is.EqualTo("active"), "nothing is saved without the whereabouts");

        await page.ById("relation-whereabouts").FillAsync("深圳市南山区某科技公司，13900000000");
        var changed = await page.RunAndWaitForResponseAsync(() => page.ById("relation-submit").ClickAsync(),
            r => r.Url.EndsWith($"/api/personnel/people/{id}/relation", StringComparison.Ordinal));
        Assert.That(changed.Status, Is.EqualTo(200), await changed.TextAsync());
        await Expect(page.Locator(".el-dialog:visible")).ToHaveCountAsync(0);
        await Expect(page.ById("person-relation")).ToHaveTextAsync("流动党员");
        Assert.That(await RelationAsync(id), Is.EqualTo("flowing"));

        // Back to normal is offered now.
        await page.ById("person-relation-actions").ClickAsync();
        await Expect(page.ById("relation-restore")).ToBeVisibleAsync();
    }

    private async Task<IPage> OpenPersonAsync(Guid id)
    {
        var page = await NewPageAsync();
        await Ui.SignInAsync(page, _committee);
        await page.GotoAsync($"/personnel/people/{id}");
        await Expect(page.ById("person-name")).ToBeVisibleAsync();
        return page;
    }

    private Task<long> CountRecordsAsync(Guid person, string set) =>
        Host.ScalarAsync<long>("select count(*) from personnel.person_record where person_id = @p and set_kind = @s and removed_at is null",
            ("p", person), ("s", set));

    private Task<string?> RelationAsync(Guid person) =>
        Host.ScalarAsync<string>("select relation from personnel.person where id = @p", ("p", person));

    private static int _sequence = Random.Shared.Next(0, 300) * 2;

    /// <summary>Records a full member in 机关第一党支部 through the API and returns their id.</summary>
    private async Task<Guid> RecordMemberAsync()
    {
        var sequence = Interlocked.Add(ref _sequence, 2) % 998 + 1;
        var idNumber = Ui.IdNumber(new DateOnly(1985, 5, 20), sequence, AddressCode);
        using var api = Host.Client();
        await api.SignInAsync(_committee);
        var response = await api.PostAsync("/api/personnel/people", new
        {
            organizationId = _branch,
            basics = new
            {
                name = "测试党员" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant(), gender = "1", ethnicity = "01", birthDate = "1985-05-20", idNumber,
            },
            partyStatus = "full_member",
            partyDates = new { joinedOn = "2010-07-01", convertedOn = "2011-07-01" },
        });
        await ApiClient.EnsureAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
