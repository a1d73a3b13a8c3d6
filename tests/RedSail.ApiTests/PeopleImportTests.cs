using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using MiniExcelLibs;
using NUnit.Framework;
using RedSail.Platform.Access;
using RedSail.Testing;

namespace RedSail.ApiTests;

/// <summary>People import (preview, all-or-nothing commit, roll-back) and export over HTTP, with files built here.</summary>
public sealed class PeopleImportTests
{
    private TestHost _host = null!;
    private ApiClient _committee = null!;
    private Guid _branch;

    [OneTimeSetUp]
    public async Task Start()
    {
        _host = await Demo.StartAsync();
        _branch = await Demo.BranchAsync(_host, "RS-01");
        _committee = _host.Client();
        await _committee.SignInAsync(await _host.CreateUserAsync(RoleCatalog.CommitteeAdmin, await Demo.RootAsync(_host)));
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _committee.Dispose();
        await _host.DisposeAsync();
    }

    private static Task<HttpResponseMessage> UploadAsync(ApiClient client, Guid organization, byte[] content, string fileName = "people.xlsx")
    {
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(content), "file", fileName },
            { new StringContent(organization.ToString()), "organizationId" },
        };
        return client.Http.PostAsync("/api/personnel/people/imports", form);
    }

    private Task<long> PeopleCountAsync() => _host.ScalarAsync<long>("select count(*) from personnel.person");

    private static IEnumerable<(int Row, string Field, string Message)> Errors(JsonElement preview) =>
        preview.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("field").GetString()!, e.GetProperty("message").GetString()!));

    [Test]
    public async Task Ten_thousand_rows_with_one_bad_row_save_nothing_and_the_fixed_file_commits_whole_and_rolls_back_whole()
    {
        const int count = 10_000;
        var rows = Enumerable.Range(0, count).Select(i => PeopleSheets.Row(i, "990101")).ToList();
        var good = (string)rows[4998]["身份证号"]!;
        rows[4998]["身份证号"] = IdNumbers.WithWrongCheck(good); // Excel row 5,000: wrong check character
        var before = await PeopleCountAsync();

        var preview = await Problems.JsonAsync(await UploadAsync(_committee, _branch, PeopleSheets.Xlsx(rows)));
        Assert.That(preview.GetProperty("rows").GetInt32(), Is.EqualTo(count));
        Assert.That(preview.GetProperty("valid").GetInt32(), Is.EqualTo(count - 1));
        Assert.That(Errors(preview).Select(e => (e.Row, e.Field)), Is.EqualTo(new[] { (5000, "idNumber") }));
        Assert.That(Errors(preview).Single().Message, Does.Contain("身份证号").And.Contain("GB 11643"));
        var badBatch = preview.GetProperty("batchId").GetGuid();

        var refused = await Problems.ExpectAsync(await _committee.PostAsync($"/api/personnel/people/imports/{badBatch}/commit"),
            HttpStatusCode.UnprocessableEntity, "import_has_errors");
        Assert.That(refused.GetProperty("detail").GetString(), Does.Contain("未导入任何数据"));
        Assert.That(await PeopleCountAsync(), Is.EqualTo(before));

        rows[4998]["身份证号"] = good;
        var file = PeopleSheets.Xlsx(rows);
        var watch = Stopwatch.StartNew();
        preview = await Problems.JsonAsync(await UploadAsync(_committee, _branch, file));
        var previewTime = watch.Elapsed;
        Assert.That(Errors(preview), Is.Empty);
        var batch = preview.GetProperty("batchId").GetGuid();
        Assert.That(await _host.ScalarAsync<long>("select count(*) from personnel.import_row where batch_id = @b and id_number_cipher is not null", ("b", batch)),
            Is.EqualTo(count), "staged encrypted");
        var outboxBefore = await _host.ScalarAsync<long>("select count(*) from personnel.outbox where event_type = 'PersonRecorded'");

        watch.Restart();
        var committed = await Problems.JsonAsync(await _committee.PostAsync($"/api/personnel/people/imports/{batch}/commit"));
        var commitTime = watch.Elapsed;
        TestContext.Out.WriteLine($"{count} rows ({file.Length / 1024} KB): preview {previewTime.TotalMilliseconds:0} ms, commit {commitTime.TotalMilliseconds:0} ms");

        Assert.That(committed.GetProperty("imported").GetInt32(), Is.EqualTo(count));
        Assert.That(await PeopleCountAsync(), Is.EqualTo(before + count));
        Assert.That(await _host.ScalarAsync<long>(PeopleCounts.MismatchesSql), Is.Zero, "subtree counts include the imported people");
        Assert.That(await _host.ScalarAsync<long>("select count(*) from personnel.outbox where event_type = 'PersonRecorded'"), Is.EqualTo(outboxBefore + count));
        Assert.That(await _host.ScalarAsync<long>("select count(*) from personnel.person_change c join personnel.person p on p.id = c.person_id where p.import_batch_id = @b and c.change = 'imported'",
            ("b", batch)), Is.EqualTo(count));
        Assert.That(await _host.ScalarAsync<long>("select count(*) from platform.audit_log where action = 'personnel.people.import.commit' and target_id = @b and result = 'success'",
            ("b", batch.ToString())), Is.EqualTo(1L));
        var one = await _host.ScalarAsync<Guid>("select id from personnel.person where import_batch_id = @b limit 1", ("b", batch));
        Assert.That((await Problems.JsonAsync(await _committee.GetAsync($"/api/personnel/people?keyword={good}"))).GetProperty("total").GetInt64(), Is.EqualTo(1L));

        var rolledBack = await Problems.JsonAsync(await _committee.PostAsync($"/api/personnel/people/imports/{batch}/rollback"));
        Assert.That(rolledBack.GetProperty("imported").GetInt32(), Is.EqualTo(count));
        Assert.That(await PeopleCountAsync(), Is.EqualTo(before));
        Assert.That(await _host.ScalarAsync<long>(PeopleCounts.MismatchesSql), Is.Zero, "subtree counts without the rolled-back people");
        Assert.That((await Problems.JsonAsync(await _committee.GetAsync($"/api/personnel/people?keyword={good}"))).GetProperty("total").GetInt64(), Is.Zero);
        await Problems.ExpectAsync(await _committee.GetAsync($"/api/personnel/people/{one}"), HttpStatusCode.NotFound, "not_found");
        await Problems.ExpectAsync(await _committee.PostAsync($"/api/personnel/people/imports/{batch}/rollback"), HttpStatusCode.UnprocessableEntity, "import_batch_not_committed");
        await Problems.ExpectAsync(await _committee.PostAsync($"/api/personnel/people/imports/{batch}/commit"), HttpStatusCode.UnprocessableEntity, "import_batch_closed");
    }

    [Test]
    public async Task A_batch_whose_people_changed_since_the_import_cannot_be_rolled_back()
    {
        var file = PeopleSheets.Xlsx(Enumerable.Range(0, 3).Select(i => PeopleSheets.Row(i, "990102")));
        var preview = await Problems.JsonAsync(await UploadAsync(_committee, _branch, file));
        var batch = preview.GetProperty("batchId").GetGuid();
        await Problems.JsonAsync(await _committee.PostAsync($"/api/personnel/people/imports/{batch}/commit"));
        var person = await _host.ScalarAsync<Guid>("select id from personnel.person where import_batch_id = @b limit 1", ("b", batch));
        var version = await _host.ScalarAsync<long>("select version from personnel.person where id = @id", ("id", person));
        await Problems.JsonAsync(await _committee.PostAsync($"/api/personnel/people/{person}/party-status",
            new { to = "suspended", effectiveOn = DateOnly.FromDateTime(DateTime.Today).ToString("yyyy-MM-dd"), reason = "测试", version }));

        await Problems.ExpectAsync(await _committee.PostAsync($"/api/personnel/people/imports/{batch}/rollback"), HttpStatusCode.UnprocessableEntity, "import_people_changed");
        Assert.That(await _host.ScalarAsync<long>("select count(*) from personnel.person where import_batch_id = @b", ("b", batch)), Is.EqualTo(3L));
    }

    [Test]
    public async Task A_branch_secretary_cannot_import_into_another_branch()
    {
        using var secretary = _host.Client();
        await secretary.SignInAsync(await _host.CreateUserAsync(RoleCatalog.BranchSecretary, _branch));
        var other = await Demo.BranchAsync(_host, "RS-02");

        await Problems.ExpectAsync(await UploadAsync(secretary, other, PeopleSheets.Xlsx([PeopleSheets.Row(1, "990103")])), HttpStatusCode.NotFound, "not_found");
        Assert.That(await _host.ScalarAsync<long>("select count(*) from platform.audit_log where action = 'personnel.people.import.preview' and result = 'denied' and target_organization = @o",
            ("o", other.ToString())), Is.EqualTo(1L));
        Assert.That(await _host.ScalarAsync<long>("select count(*) from personnel.import_batch where organization_id = @o", ("o", other)), Is.Zero);
    }

    [Test]
    public async Task A_zip_bomb_is_refused_before_parsing()
    {
        using var bomb = new MemoryStream();
        using (var zip = new ZipArchive(bomb, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var entry = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 150; i++) entry.Write(zeros);
        }
        Assert.That(bomb.Length, Is.LessThan(1024 * 1024), "small on the wire");

        var problem = await Problems.ExpectAsync(await UploadAsync(_committee, _branch, bomb.ToArray()), HttpStatusCode.BadRequest, "import_file_zip_bomb");
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("100 MB"));
    }

    [Test]
    public async Task A_renamed_executable_is_refused_by_its_content_not_its_name()
    {
        var executable = new byte[4096];
        "MZ"u8.CopyTo(executable);
        var problem = await Problems.ExpectAsync(await UploadAsync(_committee, _branch, executable, "people.xlsx"), HttpStatusCode.BadRequest, "import_file_not_xlsx");
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain(".xlsx"));
    }

    [Test]
    public async Task Duplicate_id_numbers_within_one_file_are_reported_on_both_rows()
    {
        var rows = Enumerable.Range(0, 3).Select(i => PeopleSheets.Row(i, "990104")).ToList();
        rows[2] = PeopleSheets.Row(0, "990104"); // Excel rows 2 and 4 hold the same person
        rows[2]["姓名"] = "重复人员";

        var preview = await Problems.JsonAsync(await UploadAsync(_committee, _branch, PeopleSheets.Xlsx(rows)));

        var duplicates = Errors(preview).Where(e => e.Field == "idNumber").ToList();
        Assert.That(duplicates.Select(e => e.Row), Is.EqualTo(new[] { 2, 4 }));
        Assert.That(duplicates[0].Message, Does.Contain("第 4 行"));
        Assert.That(duplicates[1].Message, Does.Contain("第 2 行"));
        Assert.That(preview.GetProperty("valid").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public async Task An_id_number_already_recorded_is_reported()
    {
        var rows = Enumerable.Range(0, 2).Select(i => PeopleSheets.Row(i, "990105")).ToList();
        var preview = await Problems.JsonAsync(await UploadAsync(_committee, _branch, PeopleSheets.Xlsx(rows)));
        await Problems.JsonAsync(await _committee.PostAsync($"/api/personnel/people/imports/{preview.GetProperty("batchId").GetGuid()}/commit"));

        preview = await Problems.JsonAsync(await UploadAsync(_committee, _branch, PeopleSheets.Xlsx(rows)));

        Assert.That(Errors(preview).Select(e => (e.Row, e.Field, e.Message)),
            Is.EqualTo(new[] { (2, "idNumber", "该身份证号已登记在另一人员名下。"), (3, "idNumber", "该身份证号已登记在另一人员名下。") }));
    }

    [Test]
    public async Task The_template_has_the_chinese_headers_and_the_code_tables()
    {
        var response = await _committee.GetAsync("/api/personnel/people/import-template");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());

        Assert.That(MiniExcel.GetSheetNames(stream), Is.EqualTo(new[] { "人员", "代码说明" }));
        var headers = (IDictionary<string, object?>)MiniExcel.Query(stream, sheetName: "人员").First();
        Assert.That(headers.Values, Is.EqualTo(new[]
        {
            "姓名", "性别", "民族", "出生日期", "身份证号", "籍贯", "手机号", "工号", "部门", "学历", "党籍状态", "申请入党日期", "确定积极分子日期",
            "确定发展对象日期", "入党日期", "转正日期",
        }));
        await Problems.ExpectAsync(await UploadAsync(_committee, _branch, stream.ToArray()), HttpStatusCode.BadRequest, "import_file_empty");
        var codes = MiniExcel.Query(stream, useHeaderRow: true, sheetName: "代码说明").Cast<IDictionary<string, object?>>()
            .Select(r => ($"{r["代码"]}", $"{r["名称"]}")).ToList();
        Assert.That(codes, Does.Contain(("01", "汉族")).And.Contain(("1", "男")).And.Contain(("full_member", "正式党员")).And.Contain(("21", "大学本科毕业")));
    }

    [Test]
    public async Task The_export_holds_the_lists_people_masked_and_without_formulas()
    {
        var birth = new DateOnly(1985, 3, 3);
        await Problems.JsonAsync(await _committee.PostAsync("/api/personnel/people", new
        {
            organizationId = _branch,
            basics = new { name = "=HYPERLINK(\"http://x\")", gender = "1", ethnicity = "01", birthDate = birth, idNumber = IdNumbers.Compose("990106", birth, 101),
                nativePlace = "@SUM(1)", phone = "13800138000", department = "+研究所", education = "21" },
            partyStatus = "full_member",
            partyDates = new { joinedOn = "2010-07-01", convertedOn = "2011-07-01" },
        }), HttpStatusCode.Created);
        const string filter = "status=full_member&sort=name";
        var total = (await Problems.JsonAsync(await _committee.GetAsync($"/api/personnel/people?organizationId={_branch}&{filter}&pageSize=1")))
            .GetProperty("total").GetInt64();

        var response = await _committee.GetAsync($"/api/personnel/people/export?organizationId={_branch}&{filter}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();

        Assert.That(total, Is.GreaterThan(0));
        Assert.That(rows, Has.Count.EqualTo(total));
        Assert.That(rows.Select(r => (string?)r["身份证号"]), Has.All.Matches(@"^\d{3}\*{14}[\dX]$"));
        Assert.That(rows.Select(r => (string?)r["手机号"]), Has.All.Null.Or.Matches(@"^1\d\d\*{4}\d{4}$"));
        Assert.That(rows.Select(r => r["党籍状态"]), Has.All.EqualTo("正式党员"));
        Assert.That(rows.SelectMany(r => r.Values).OfType<string>().Where(v => v.Length > 0 && "=+-@".Contains(v[0])), Is.Empty);
        Assert.That(rows.Select(r => (string?)r["姓名"]), Has.Some.EqualTo("'=HYPERLINK(\"http://x\")"));
        Assert.That(await _host.ScalarAsync<long>("select count(*) from platform.audit_log where action = 'personnel.people.export' and detail = @d",
            ("d", $"rows={total}")), Is.GreaterThanOrEqualTo(1L));
    }
}
