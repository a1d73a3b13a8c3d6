using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MiniExcelLibs;
using NUnit.Framework;
using RedSail.Platform.Access;
using RedSail.Testing;

namespace RedSail.ApiTests;

/// <summary>Excel import of information-set entries (preview, all-or-nothing commit, roll-back) over HTTP, with files built here.</summary>
public sealed class RecordsImportTests
{
    private const int People = 1_000;
    private TestHost _host = null!;
    private ApiClient _committee = null!;
    private Guid _branch;
    /// <summary>The ID numbers of the branch's <see cref="People"/> people imported for these tests, by row of their file.</summary>
    private List<string> _idNumbers = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _host = await Demo.StartAsync();
        _branch = await Demo.BranchAsync(_host, "RS-01");
        _committee = _host.Client();
        await _committee.SignInAsync(await _host.CreateUserAsync(RoleCatalog.CommitteeAdmin, await Demo.RootAsync(_host)));

        var people = Enumerable.Range(0, People).Select(i => PeopleSheets.Row(i, "990201")).ToList();
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(PeopleSheets.Xlsx(people)), "file", "people.xlsx" },
            { new StringContent(_branch.ToString()), "organizationId" },
        };
        var preview = await Problems.JsonAsync(await _committee.Http.PostAsync("/api/personnel/people/imports", form));
        await Problems.JsonAsync(await _committee.PostAsync($"/api/personnel/people/imports/{preview.GetProperty("batchId").GetGuid()}/commit"));
        _idNumbers = people.Select(p => (string)p["身份证号"]!).ToList();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _committee.Dispose();
        await _host.DisposeAsync();
    }

    private static Task<HttpResponseMessage> UploadAsync(ApiClient client, string set, byte[] content)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(content), "file", $"{set}.xlsx" }, { new StringContent(set), "set" } };
        return client.Http.PostAsync("/api/personnel/records/imports", form);
    }

    private static IEnumerable<(int Row, string Field, string Message)> Errors(JsonElement preview) =>
        preview.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("field").GetString()!, e.GetProperty("message").GetString()!));

    /// <summary>The person of an ID number, as the people list finds it (through the blind index).</summary>
    private async Task<Guid> PersonAsync(string idNumber) =>
        (await Problems.JsonAsync(await _committee.GetAsync($"/api/personnel/people?keyword={idNumber}"))).GetProperty("items")[0].GetProperty("id").GetGuid();

    private Task<long> EntriesAsync(string set) =>
        _host.ScalarAsync<long>("select count(*) from personnel.person_record where set_kind = @set and removed_at is null", ("set", set));

    private async Task<Guid> CommittedBatchAsync(string set, byte[] file)
    {
        var preview = await Problems.JsonAsync(await UploadAsync(_committee, set, file));
        Assert.That(Errors(preview), Is.Empty);
        var batch = preview.GetProperty("batchId").GetGuid();
        await Problems.JsonAsync(await _committee.PostAsync($"/api/personnel/records/imports/{batch}/commit"));
        return batch;
    }

    [Test]
    public async Task A_thousand_family_members_with_one_unknown_relation_save_nothing_and_the_fixed_file_commits_whole_encrypted_and_masked()
    {
        var rows = _idNumbers.Select((id, i) => RecordSheets.FamilyRow(i, id)).ToList();
        rows[498]["与本人关系"] = "42"; // Excel row 500: no such relation code
        var before = await EntriesAsync("family");

        var preview = await Problems.JsonAsync(await UploadAsync(_committee, "family", RecordSheets.Xlsx(rows)));
        Assert.That(preview.GetProperty("rows").GetInt32(), Is.EqualTo(People));
        Assert.That(preview.GetProperty("valid").GetInt32(), Is.EqualTo(People - 1));
        Assert.That(Errors(preview).Select(e => (e.Row, e.Field)), Is.EqualTo(new[] { (500, "与本人关系") }));
        Assert.That(Errors(preview).Single().Message, Does.Contain("与本人关系").And.Contain("42"));
        var badBatch = preview.GetProperty("batchId").GetGuid();
        var refused = await Problems.ExpectAsync(await _committee.PostAsync($"/api/personnel/records/imports/{badBatch}/commit"),
            HttpStatusCode.UnprocessableEntity, "import_has_errors");
        Assert.That(refused.GetProperty("detail").GetString(), Does.Contain("未导入任何数据"));
        Assert.That(await EntriesAsync("family"), Is.EqualTo(before));

        rows[498]["与本人关系"] = "子";
        var watch = Stopwatch.StartNew();
        preview = await Problems.JsonAsync(await UploadAsync(_committee, "family", RecordSheets.Xlsx(rows)));
        var previewTime = watch.Elapsed;
        Assert.That(Errors(preview), Is.Empty);
        var batch = preview.GetProperty("batchId").GetGuid();
        Assert.That(await _host.ScalarAsync<long>("select count(*) from personnel.record_import_row where batch_id = @b and secret is not null", ("b", batch)),
            Is.EqualTo((long)People), "staged with the sensitive values encrypted");
        watch.Restart();
        var committed = await Problems.JsonAsync(await _committee.PostAsync($"/api/personnel/records/imports/{batch}/commit"));
        var commitTime = watch.Elapsed;
        TestContext.Out.WriteLine($"{People} family rows: preview {previewTime.TotalMilliseconds:0} ms, commit {commitTime.TotalMilliseconds:0} ms " +
            $"({People / commitTime.TotalSeconds:0} rows/s)");

        var person = await PersonAsync(_idNumbers[498]);
        var listed = (await Problems.JsonAsync(await _committee.GetAsync($"/api/personnel/people/{person}/records?set=family"))).EnumerateArray().Single();
        var unmasked = (await Problems.JsonAsync(await _committee.GetAsync($"/api/personnel/people/{person}/records?set=family&unmask=true")))
            .EnumerateArray().Single();
        Assert.Multiple(async () =>
        {
            Assert.That(committed.GetProperty("imported").GetInt32(), Is.EqualTo(People));
            Assert.That(await EntriesAsync("family"), Is.EqualTo(before + People));
            Assert.That(await _host.ScalarAsync<long>("select count(*) from personnel.person_record where import_batch_id = @b", ("b", batch)), Is.EqualTo((long)People));
            Assert.That(await _host.ScalarAsync<long>(
                "select count(*) from personnel.person_record where import_batch_id = @b and (secret is null or data->>'name' is not null or data->>'workUnit' is not null " +
                "or position('王秀英' in encode(secret, 'escape')) > 0)", ("b", batch)), Is.Zero, "family names and work units only as ciphertext");
            Assert.That(listed.GetProperty("values").GetProperty("name").GetString(), Does.Match("^王\\*+$"));
            Assert.That(listed.GetProperty("values").GetProperty("workUnit").GetString(), Is.EqualTo("******"));
            Assert.That(listed.GetProperty("values").GetProperty("relation").GetString(), Is.EqualTo("20"), "a name in a code cell is stored as its code");
            Assert.That(unmasked.GetProperty("values").GetProperty("name").GetString(), Is.EqualTo("王秀英498"));
            Assert.That(await _host.ScalarAsync<long>("select count(*) from personnel.outbox where event_type = 'PersonRecordChanged' and payload->>'change' = 'added' " +
                "and payload->'values'->>'relation' is not null and payload->'values'->>'name' is null " +
                "and payload->>'recordId' in (select id::text from personnel.person_record where import_batch_id = @b)", ("b", batch)), Is.EqualTo((long)People),
                "one event per entry, ordinary values only");
            Assert.That(await _host.ScalarAsync<long>("select count(*) from personnel.person_change where change = 'records_imported' and after->>'batchId' = @b",
                ("b", batch.ToString())), Is.EqualTo((long)People), "one timeline line per person");
            Assert.That(await _host.ScalarAsync<long>("select count(*) from personnel.person_change where change = 'records_imported' and after::text like '%王秀英%'"),
                Is.Zero, "the timeline holds ordinary values only");
            Assert.That(await _host.ScalarAsync<long>("select count(*) from personnel.record_import_row where batch_id = @b", ("b", batch)), Is.Zero, "staging dropped");
            Assert.That(await _host.ScalarAsync<long>(
                "select count(*) from platform.audit_log where action = 'personnel.records.import.commit' and target_id = @b and result = 'success'",
                ("b", batch.ToString())), Is.EqualTo(1L));
        });
        await Problems.ExpectAsync(await _committee.PostAsync($"/api/personnel/records/imports/{batch}/commit"), HttpStatusCode.UnprocessableEntity, "import_batch_closed");
    }

    [Test]
    public async Task A_branch_secretary_gets_not_found_for_another_branchs_person_exactly_as_for_nobody_and_nothing_is_saved()
    {
        var otherBirth = new DateOnly(1979, 4, 4);
        var otherIdNumber = IdNumbers.Valid(otherBirth, true, "990202");
        await Problems.JsonAsync(await _committee.PostAsync("/api/personnel/people",
            PersonBodies.Person(await Demo.BranchAsync(_host, "RS-02"), otherIdNumber, "full_member", otherBirth)), HttpStatusCode.Created);
        var nobody = IdNumbers.Valid(new DateOnly(1981, 5, 5), false, "990203");
        using var secretary = _host.Client();
        await secretary.SignInAsync(await _host.CreateUserAsync(RoleCatalog.BranchSecretary, _branch));
        var before = await EntriesAsync("education");

        var preview = await Problems.JsonAsync(await UploadAsync(secretary, "education", RecordSheets.Xlsx(
            [RecordSheets.EducationRow(_idNumbers[10]), RecordSheets.EducationRow(otherIdNumber), RecordSheets.EducationRow(nobody)], "学历学位")));

        var errors = Errors(preview).ToList();
        Assert.That(errors.Select(e => (e.Row, e.Field)), Is.EqualTo(new[] { (3, "身份证号"), (4, "身份证号") }));
        Assert.That(errors[0].Message, Does.Contain("未找到"));
        Assert.That(errors[1].Message, Is.EqualTo(errors[0].Message), "another branch's person is not told apart from nobody");
        await Problems.ExpectAsync(await secretary.PostAsync($"/api/personnel/records/imports/{preview.GetProperty("batchId").GetGuid()}/commit"),
            HttpStatusCode.UnprocessableEntity, "import_has_errors");
        Assert.That(await EntriesAsync("education"), Is.EqualTo(before));

        secretary.Language = "en";
        var english = await Problems.JsonAsync(await UploadAsync(secretary, "education", RecordSheets.Xlsx([RecordSheets.EducationRow(otherIdNumber)], "学历学位")));
        Assert.That(Errors(english).Single().Message, Does.Contain("No person was found"));
    }

    [Test]
    public async Task A_batch_rolls_back_by_removing_its_entries_and_not_after_one_of_them_was_edited()
    {
        var file = RecordSheets.Xlsx([RecordSheets.EducationRow(_idNumbers[20], "清华大学"), RecordSheets.EducationRow(_idNumbers[20], "浙江大学"),
            RecordSheets.EducationRow(_idNumbers[21], "复旦大学")], "学历学位");
        var edited = await CommittedBatchAsync("education", file);
        var person = await PersonAsync(_idNumbers[20]);
        Assert.That(await _host.ScalarAsync<long>("select count(*) from personnel.person_change where person_id = @p and change = 'records_imported'",
            ("p", person)), Is.EqualTo(1L), "two entries of one person, one timeline line");
        var entry = (await Problems.JsonAsync(await _committee.GetAsync($"/api/personnel/people/{person}/records?set=education")))
            .EnumerateArray().First(e => e.GetProperty("values").GetProperty("school").GetString() == "清华大学");
        await Problems.JsonAsync(await _committee.Http.PutAsJsonAsync($"/api/personnel/people/{person}/records/{entry.GetProperty("id").GetGuid()}", new
        {
            version = entry.GetProperty("version").GetInt64(), validFrom = "2000-09-01", validTo = "2004-07-01",
            values = new { education = "21", school = "清华大学", major = "水文地质" },
        }));

        var refused = await Problems.ExpectAsync(await _committee.PostAsync($"/api/personnel/records/imports/{edited}/rollback"),
            HttpStatusCode.UnprocessableEntity, "records_import_entries_changed");
        Assert.That(refused.GetProperty("detail").GetString(), Does.Contain("不能整批撤销"));
        Assert.That(await _host.ScalarAsync<long>("select count(*) from personnel.person_record where import_batch_id = @b and removed_at is null", ("b", edited)),
            Is.EqualTo(3L));

        var untouched = await CommittedBatchAsync("education", RecordSheets.Xlsx(
            [RecordSheets.EducationRow(_idNumbers[22], "南京大学"), RecordSheets.EducationRow(_idNumbers[23], "武汉大学")], "学历学位"));
        var rolledBack = await Problems.JsonAsync(await _committee.PostAsync($"/api/personnel/records/imports/{untouched}/rollback"));
        var listed = await Problems.JsonAsync(await _committee.GetAsync($"/api/personnel/people/{await PersonAsync(_idNumbers[22])}/records?set=education"));
        Assert.Multiple(async () =>
        {
            Assert.That(rolledBack.GetProperty("imported").GetInt32(), Is.EqualTo(2));
            Assert.That(listed.GetArrayLength(), Is.Zero);
            Assert.That(await _host.ScalarAsync<long>(
                "select count(*) from personnel.person_record where import_batch_id = @b and removed_at is not null and removed_reason = '撤销导入批次'",
                ("b", untouched)), Is.EqualTo(2L), "kept, marked removed");
            Assert.That(await _host.ScalarAsync<long>("select count(*) from personnel.outbox where event_type = 'PersonRecordChanged' and payload->>'change' = 'removed' " +
                "and payload->>'recordId' in (select id::text from personnel.person_record where import_batch_id = @b)", ("b", untouched)), Is.EqualTo(2L));
            Assert.That(await _host.ScalarAsync<long>("select count(*) from personnel.person_change where change = 'records_import_rolled_back' and after->>'batchId' = @b",
                ("b", untouched.ToString())), Is.EqualTo(2L));
        });
        await Problems.ExpectAsync(await _committee.PostAsync($"/api/personnel/records/imports/{untouched}/rollback"),
            HttpStatusCode.UnprocessableEntity, "import_batch_not_committed");
    }

    [Test]
    public async Task Another_branchs_secretary_finds_no_batch_of_this_branchs_people_to_commit_or_roll_back()
    {
        using var other = _host.Client();
        await other.SignInAsync(await _host.CreateUserAsync(RoleCatalog.BranchSecretary, await Demo.BranchAsync(_host, "RS-02")));
        var preview = await Problems.JsonAsync(await UploadAsync(_committee, "education", RecordSheets.Xlsx([RecordSheets.EducationRow(_idNumbers[40])], "学历学位")));
        var batch = preview.GetProperty("batchId").GetGuid();

        await Problems.ExpectAsync(await other.PostAsync($"/api/personnel/records/imports/{batch}/commit"), HttpStatusCode.NotFound, "not_found");
        await Problems.JsonAsync(await _committee.PostAsync($"/api/personnel/records/imports/{batch}/commit"));
        await Problems.ExpectAsync(await other.PostAsync($"/api/personnel/records/imports/{batch}/rollback"), HttpStatusCode.NotFound, "not_found");

        Assert.That(await _host.ScalarAsync<long>("select count(*) from personnel.person_record where import_batch_id = @b and removed_at is null", ("b", batch)),
            Is.EqualTo(1L));
        Assert.That(await _host.ScalarAsync<long>(
            "select count(*) from platform.audit_log where action like 'personnel.records.import.%' and result = 'denied' and target_id = @b",
            ("b", batch.ToString())), Is.EqualTo(2L));
    }

    [Test]
    public async Task Traits_allow_one_current_entry_per_person_in_the_file_and_in_the_register()
    {
        var person = await PersonAsync(_idNumbers[30]);
        await Problems.JsonAsync(await _committee.PostAsync($"/api/personnel/people/{person}/records", new { set = "traits", values = new { specialty = "测绘" } }),
            HttpStatusCode.Created);
        Dictionary<string, object?> Traits(string idNumber) => new()
        {
            ["身份证号"] = idNumber, ["专业领域"] = "遥感", ["特长"] = null, ["兴趣爱好"] = "摄影", ["健康状况"] = "良好", ["子女状况"] = null,
        };

        var preview = await Problems.JsonAsync(await UploadAsync(_committee, "traits",
            RecordSheets.Xlsx([Traits(_idNumbers[30]), Traits(_idNumbers[31]), Traits(_idNumbers[32]), Traits(_idNumbers[31])], "个人特质")));

        var errors = Errors(preview).ToList();
        Assert.That(errors.Select(e => e.Row), Is.EqualTo(new[] { 2, 3, 5 }));
        Assert.That(errors[0].Message, Does.Contain("已有一条现行的个人特质条目"));
        Assert.That(errors[1].Message, Does.Contain("第 5 行"));
        Assert.That(errors[2].Message, Does.Contain("第 3 行"));
        Assert.That(preview.GetProperty("valid").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public async Task The_template_of_a_set_has_its_chinese_headers_and_code_tables_and_a_membership_cannot_be_imported()
    {
        var response = await _committee.GetAsync("/api/personnel/records/import-template?set=education");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());

        Assert.That(MiniExcel.GetSheetNames(stream), Is.EqualTo(new[] { "学历学位", "代码说明" }));
        var headers = (IDictionary<string, object?>)MiniExcel.Query(stream, sheetName: "学历学位").First();
        Assert.That(headers.Values, Is.EqualTo(new[] { "身份证号", "学历", "学位", "毕业院校", "专业", "学习形式", "开始日期", "结束日期" }));
        var codes = MiniExcel.Query(stream, useHeaderRow: true, sheetName: "代码说明").Cast<IDictionary<string, object?>>()
            .Select(r => ($"{r["字段"]}", $"{r["代码"]}", $"{r["名称"]}")).ToList();
        Assert.That(codes, Does.Contain(("学位", "4", "学士")).And.Contain(("学习形式", "full_time", "全日制")).And.Contain(("学历", "21", "大学本科毕业")));
        await Problems.ExpectAsync(await UploadAsync(_committee, "education", stream.ToArray()), HttpStatusCode.BadRequest, "import_file_empty");
        await Problems.ExpectAsync(await UploadAsync(_committee, "family", stream.ToArray()), HttpStatusCode.BadRequest, "import_columns_missing");

        using var family = new MemoryStream(await (await _committee.GetAsync("/api/personnel/records/import-template?set=family")).Content.ReadAsByteArrayAsync());
        Assert.That(((IDictionary<string, object?>)MiniExcel.Query(family).First()).Values,
            Is.EqualTo(new[] { "身份证号", "与本人关系", "家庭成员姓名", "出生年份", "政治面貌", "工作单位及职务" }), "no period, no dates");
        var membership = await Problems.ExpectAsync(await _committee.GetAsync("/api/personnel/records/import-template?set=mass_org"),
            HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(membership.GetProperty("errors").GetProperty("set")[0].GetString(), Does.Contain("不能从 Excel 导入"));
        await Problems.ExpectAsync(await UploadAsync(_committee, "mass_org", RecordSheets.Xlsx([RecordSheets.FamilyRow(0, _idNumbers[0])])),
            HttpStatusCode.BadRequest, "validation_failed");
    }
}
