using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using RedSail.BuildingBlocks;
using RedSail.BuildingBlocks.Web;
using RedSail.Platform.Access;
using RedSail.Testing;

namespace RedSail.ApiTests;

/// <summary>The honour library over HTTP: a branch proposes, the committee rejects with a reason or approves; scope; certificates.</summary>
public sealed class HonorsTests : DemoInstituteTests
{
    private static string LastYear => $"{DateTime.Today.Year - 1}";

    private Task<Guid> MemberAsync(string branchCode, int skip = 0) =>
        Host.ScalarAsync<Guid>("""
            select p.id from honors.person p join personnel.organization o on o.id = p.organization_id
            where o.code = @code and p.party_status = 'full_member' order by p.id offset @skip limit 1
            """, ("code", branchCode), ("skip", skip));

    private async Task<ApiClient> SecretaryAsync(string branchCode)
    {
        var client = Host.Client();
        await client.SignInAsync(await Host.CreateUserAsync(RoleCatalog.BranchSecretary, await Demo.BranchAsync(Host, branchCode)));
        return client;
    }

    private static object Proposal(Guid personId, string title = "优秀共产党员") => new
    {
        personId, honourType = "outstanding_member", honourLevel = "institute", title, conferringBody = "中共某研究院委员会",
        awardedOn = $"{LastYear}-06-28", documentNumber = "院党发〔" + LastYear + "〕12号",
    };

    [Test]
    public async Task A_proposal_is_rejected_with_a_reason_resubmitted_and_approved_by_the_committee_alone()
    {
        using var secretary = await SecretaryAsync("RS-03");
        using var neighbour = await SecretaryAsync("RS-04");
        var member = await MemberAsync("RS-03");
        var id = (await Problems.JsonAsync(await secretary.PostAsync("/api/honors/honours", Proposal(member)), HttpStatusCode.Created))
            .GetProperty("id").GetGuid();

        // Another branch neither sees it nor learns that it exists; a branch secretary does not approve.
        Assert.That((await neighbour.GetAsync($"/api/honors/honours/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var neighbourQueue = await Problems.JsonAsync(await neighbour.GetAsync("/api/honors/honours?status=pending"));
        Assert.That(neighbourQueue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()), Does.Not.Contain(id));
        await Problems.ExpectAsync(await secretary.PostAsync($"/api/honors/honours/{id}/approve", new { version = 1 }), HttpStatusCode.Forbidden, "forbidden");

        var queue = await Problems.JsonAsync(await Committee.GetAsync("/api/honors/honours?status=pending"));
        Assert.That(queue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()), Does.Contain(id));
        var noReason = await Problems.ExpectAsync(await Committee.PostAsync($"/api/honors/honours/{id}/reject", new { reason = " ", version = 1 }),
            HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(Problems.FieldError(noReason, "reason"), Does.Contain("原因"));
        await Problems.JsonAsync(await Committee.PostAsync($"/api/honors/honours/{id}/reject", new { reason = "请补充文号并上传证书", version = 1 }));

        var rejected = await Problems.JsonAsync(await secretary.GetAsync($"/api/honors/honours/{id}"));
        Assert.That(rejected.GetProperty("status").GetString(), Is.EqualTo("rejected"));
        Assert.That(rejected.GetProperty("rejectionReason").GetString(), Is.EqualTo("请补充文号并上传证书"));
        await Problems.ExpectAsync(await Committee.PostAsync($"/api/honors/honours/{id}/approve", new { version = 2 }),
            HttpStatusCode.UnprocessableEntity, "honour_not_pending");

        await Problems.ExpectAsync(await secretary.Http.PutAsJsonAsync($"/api/honors/honours/{id}", Merge(Proposal(member, "优秀共产党员（修改）"), 1)),
            HttpStatusCode.Conflict, "concurrency_conflict");
        await Problems.JsonAsync(await secretary.Http.PutAsJsonAsync($"/api/honors/honours/{id}", Merge(Proposal(member, "优秀共产党员（修改）"), 2)));
        await Problems.ExpectAsync(await neighbour.PostAsync($"/api/honors/honours/{id}/approve", new { version = 3 }), HttpStatusCode.Forbidden, "forbidden");
        await Problems.JsonAsync(await Committee.PostAsync($"/api/honors/honours/{id}/approve", new { version = 3 }));

        var approved = await Problems.JsonAsync(await secretary.GetAsync($"/api/honors/honours/{id}"));
        var library = await Problems.JsonAsync(await secretary.GetAsync($"/api/honors/honours?year={LastYear}&name=修改"));
        Assert.Multiple(async () =>
        {
            Assert.That(approved.GetProperty("status").GetString(), Is.EqualTo("approved"));
            Assert.That(approved.GetProperty("title").GetString(), Is.EqualTo("优秀共产党员（修改）"));
            Assert.That(approved.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString()),
                Is.EqualTo(new[] { "proposed", "rejected", "resubmitted", "approved" }));
            Assert.That(approved.GetProperty("history")[1].GetProperty("reason").GetString(), Is.EqualTo("请补充文号并上传证书"));
            Assert.That(library.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()), Is.EqualTo(new[] { id }));
            Assert.That(await Host.ScalarAsync<long>(
                "select count(*) from honors.outbox where event_type = 'HonourApproved' and payload->>'honourId' = @id", ("id", id.ToString())), Is.EqualTo(1L));
        });
    }

    [Test]
    public async Task A_branch_proposes_only_for_its_own_members_and_a_committee_outside_the_branch_does_not_approve()
    {
        using var secretary = await SecretaryAsync("RS-05");
        var stranger = await MemberAsync("RS-06");
        await Problems.ExpectAsync(await secretary.PostAsync("/api/honors/honours", Proposal(stranger)), HttpStatusCode.NotFound, "not_found");
        var wrongHolder = await Problems.ExpectAsync(await secretary.PostAsync("/api/honors/honours", new
        {
            organizationId = await Demo.BranchAsync(Host, "RS-05"), honourType = "outstanding_member", honourLevel = "galactic", title = "x",
            conferringBody = "y", awardedOn = $"{LastYear}-06-28",
        }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(Problems.FieldError(wrongHolder, "honourType"), Does.Contain("个人"));
        Assert.That(Problems.FieldError(wrongHolder, "honourLevel"), Does.Contain("级别"));

        var id = (await Problems.JsonAsync(await secretary.PostAsync("/api/honors/honours", Proposal(await MemberAsync("RS-05"))), HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        // An administrator granted on another branch holds honors.approve, but not over RS-05.
        using var otherCommittee = Host.Client();
        await otherCommittee.SignInAsync(await Host.CreateUserAsync(RoleCatalog.CommitteeAdmin, await Demo.BranchAsync(Host, "RS-06")));
        await Problems.ExpectAsync(await otherCommittee.PostAsync($"/api/honors/honours/{id}/approve", new { version = 1 }), HttpStatusCode.NotFound, "not_found");
        Assert.That(await Host.ScalarAsync<string>("select status from honors.honour where id = @id", ("id", id)), Is.EqualTo("pending"));
    }

    [Test]
    public async Task Certificates_are_images_told_by_their_content_and_served_with_that_type()
    {
        using var secretary = await SecretaryAsync("RS-07");
        var id = (await Problems.JsonAsync(await secretary.PostAsync("/api/honors/honours", Proposal(await MemberAsync("RS-07"))), HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4];
        var uploaded = await Problems.JsonAsync(await secretary.Http.PostAsync($"/api/honors/honours/{id}/certificates", File(jpeg, "证书.png")),
            HttpStatusCode.Created);
        var pdf = await Problems.ExpectAsync(await secretary.Http.PostAsync($"/api/honors/honours/{id}/certificates", File("%PDF-1.7 x"u8.ToArray(), "证书.jpg")),
            HttpStatusCode.BadRequest, "validation_failed");
        var exe = await Problems.ExpectAsync(await secretary.Http.PostAsync($"/api/honors/honours/{id}/certificates", File("MZ\u0090\0"u8.ToArray(), "证书.jpg")),
            HttpStatusCode.BadRequest, "validation_failed");
        var download = await secretary.GetAsync($"/api/honors/honours/{id}/certificates/{uploaded.GetProperty("id").GetGuid()}");
        Assert.Multiple(async () =>
        {
            Assert.That(uploaded.GetProperty("contentType").GetString(), Is.EqualTo("image/jpeg"), "by content, not by the name");
            Assert.That(Problems.FieldError(pdf, "file"), Does.Contain("PNG"));
            Assert.That(Problems.FieldError(exe, "file"), Does.Contain("JPEG"));
            Assert.That(download.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/jpeg"));
            Assert.That(await download.Content.ReadAsByteArrayAsync(), Is.EqualTo(jpeg));
            Assert.That(await Host.ScalarAsync<bool>("select sha256 = sha256(content) from honors.certificate where honour_id = @id", ("id", id)), Is.True);
        });
    }

    [Test]
    public async Task An_import_with_a_bad_row_writes_nothing_and_a_good_one_records_approved_honours()
    {
        var member = await Host.ScalarAsync<string>("select name from honors.person p where id = @id", ("id", await MemberAsync("RS-08")));
        var branchName = await Host.ScalarAsync<string>("select name from personnel.organization where code = 'RS-08'");
        Dictionary<string, object?> Row(string? person, string organization, string type, string level, string date) => new()
        {
            ["获奖人"] = person, ["所在组织"] = organization, ["荣誉类型"] = type, ["级别"] = level, ["荣誉名称"] = "导入测试" + type,
            ["授予单位"] = "中共红帆研究院委员会", ["授予日期"] = date, ["文号"] = "院党发〔2020〕1号",
        };
        var good = new[] { Row(member, branchName!, "优秀共产党员", "院级", "2020-06-28"), Row(null, branchName!, "先进基层党组织", "bureau", "2020/6/28") };
        var bad = good.Append(Row("查无此人", branchName!, "优秀共产党员", "宇宙级", "2020-13-01")).ToArray();
        var before = await Host.ScalarAsync<long>("select count(*) from honors.honour");

        var preview = await Problems.JsonAsync(await Committee.Http.PostAsync("/api/honors/honours/import/preview", File(PeopleSheets.Xlsx(bad, "荣誉库"), "荣誉.xlsx")));
        var refused = await Problems.ExpectAsync(await Committee.Http.PostAsync("/api/honors/honours/import", File(PeopleSheets.Xlsx(bad, "荣誉库"), "荣誉.xlsx")),
            HttpStatusCode.UnprocessableEntity, "import_has_errors");
        Assert.Multiple(async () =>
        {
            Assert.That(preview.GetProperty("rows").GetInt32(), Is.EqualTo(3));
            Assert.That(preview.GetProperty("valid").GetInt32(), Is.EqualTo(2));
            var errors = preview.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("field").GetString())).ToList();
            Assert.That(errors, Is.EquivalentTo(new[] { (4, "personName"), (4, "honourLevel"), (4, "awardedOn") }));
            Assert.That(refused.GetProperty("detail").GetString(), Does.Contain("3"));
            Assert.That(await Host.ScalarAsync<long>("select count(*) from honors.honour"), Is.EqualTo(before), "nothing written");
        });

        var imported = await Problems.JsonAsync(await Committee.Http.PostAsync("/api/honors/honours/import", File(PeopleSheets.Xlsx(good, "荣誉库"), "荣誉.xlsx")));
        Assert.That(imported.GetProperty("imported").GetInt32(), Is.EqualTo(2));
        var listed = await Problems.JsonAsync(await Committee.GetAsync("/api/honors/honours?year=2020&name=导入测试"));
        Assert.That(listed.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("personName").GetString(), i.GetProperty("honourType").GetString())),
            Is.EquivalentTo(new[] { (member, "outstanding_member"), ((string?)null, "advanced_organization") }));
        Assert.That(await Host.ScalarAsync<long>("select count(*) from honors.outbox where event_type = 'HonourApproved' and payload->>'title' like '导入测试%'"),
            Is.EqualTo(2L));
        // A branch secretary neither imports nor previews: that is the committee's.
        using var secretary = await SecretaryAsync("RS-08");
        await Problems.ExpectAsync(await secretary.Http.PostAsync("/api/honors/honours/import", File(PeopleSheets.Xlsx(good, "荣誉库"), "荣誉.xlsx")),
            HttpStatusCode.Forbidden, "forbidden");

        var export = await Committee.GetAsync("/api/honors/honours/export?year=2020&name=导入测试");
        Assert.That(export.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        var rows = XlsxReader.ReadFirstSheet(await export.Content.ReadAsByteArrayAsync()).ToList();
        Assert.That(rows, Has.Count.EqualTo(3), "the header and the two honours");
        Assert.That(rows.Skip(1).Select(r => r.Cells[2]), Is.EquivalentTo(new[] { "优秀共产党员", "先进基层党组织" }), "types by their Chinese names, ready to import again");
    }

    [Test]
    public async Task Representatives_are_recorded_in_scope_and_terms_ending_soon_are_reminded()
    {
        using var secretary = await SecretaryAsync("RS-09");
        var member = await MemberAsync("RS-09");
        var today = Host.Services.GetRequiredService<IClock>().Today;
        object Seat(Guid person, string kind, string level, DateOnly ends) => new
        {
            personId = person, representativeKind = kind, representativeLevel = level, body = "第十三届代表大会", termStartsOn = ends.AddYears(-5), termEndsOn = ends,
        };
        var soon = (await Problems.JsonAsync(await secretary.PostAsync("/api/honors/representatives", Seat(member, "party_congress", "municipal", today.AddDays(30))),
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await Problems.JsonAsync(await secretary.PostAsync("/api/honors/representatives", Seat(member, "peoples_congress", "township", today.AddDays(400))),
            HttpStatusCode.Created);
        var wrongLevel = await Problems.ExpectAsync(await secretary.PostAsync("/api/honors/representatives", Seat(member, "party_congress", "township", today.AddDays(9))),
            HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(Problems.FieldError(wrongLevel, "representativeLevel"), Does.Contain("党代表"));
        await Problems.ExpectAsync(await secretary.PostAsync("/api/honors/representatives", Seat(await MemberAsync("RS-10"), "cppcc", "county", today.AddDays(9))),
            HttpStatusCode.NotFound, "not_found");

        var reminder = await Problems.JsonAsync(await secretary.GetAsync("/api/honors/representatives/ending"));
        Assert.That(reminder.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("id").GetGuid(), i.GetProperty("daysLeft").GetInt32())),
            Is.EqualTo(new[] { (soon, 30) }));
        var wider = await Problems.JsonAsync(await secretary.GetAsync("/api/honors/representatives/ending?days=400"));
        Assert.That(wider.GetProperty("total").GetInt64(), Is.EqualTo(2L));
        using var neighbour = await SecretaryAsync("RS-10");
        var theirs = await Problems.JsonAsync(await neighbour.GetAsync("/api/honors/representatives/ending?days=400"));
        Assert.That(theirs.GetProperty("total").GetInt64(), Is.Zero, "another branch's representatives are not in scope");

        await Problems.JsonAsync(await secretary.Http.PutAsJsonAsync($"/api/honors/representatives/{soon}", new
        {
            personId = member, representativeKind = "party_congress", representativeLevel = "municipal", body = "第十三届代表大会",
            termStartsOn = today.AddDays(30).AddYears(-5), termEndsOn = today.AddDays(30), status = "ended", version = 1,
        }));
        var after = await Problems.JsonAsync(await secretary.GetAsync("/api/honors/representatives/ending"));
        Assert.That(after.GetProperty("total").GetInt64(), Is.Zero, "an ended term is no longer reminded");
    }

    [Test]
    public async Task Fifty_year_candidates_follow_party_age_to_the_day_and_leave_the_list_once_honoured()
    {
        var branch = await Demo.BranchAsync(Host, "RS-11");
        var birth = new DateOnly(1950, 3, 3);
        async Task<Guid> RecordAsync(string joined, string converted) =>
            (await Problems.JsonAsync(await Committee.PostAsync("/api/personnel/people", PersonBodies.Person(branch, IdNumbers.Valid(birth, true), "full_member", birth,
                dates: new { appliedOn = "1974-01-02", activistOn = "1974-03-01", candidateOn = "1974-06-01", joinedOn = joined, convertedOn = converted })),
                HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var onTheDay = await RecordAsync("1975-07-01", "1976-07-01");
        var dayAfter = await RecordAsync("1975-07-02", "1976-07-02");
        Assert.That(await Eventually.HoldsAsync(async () =>
            await Host.ScalarAsync<long>("select count(*) from honors.person where id = any(@ids)", ("ids", new[] { onTheDay, dayAfter })) == 2), Is.True);

        async Task<List<Guid>> CandidatesAsync(int year) =>
            (await Problems.JsonAsync(await Committee.GetAsync($"/api/honors/fifty-years/candidates?year={year}&organizationId={branch}")))
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("personId").GetGuid()).ToList();
        var in2026 = await CandidatesAsync(2026);
        Assert.That(in2026, Does.Contain(onTheDay).And.Not.Contain(dayAfter));
        Assert.That(await CandidatesAsync(2027), Does.Contain(onTheDay).And.Contain(dayAfter));

        var id = (await Problems.JsonAsync(await Committee.PostAsync("/api/honors/honours", new
        {
            personId = onTheDay, honourType = "fifty_years_in_party", honourLevel = "national", title = "“光荣在党50年”纪念章", conferringBody = "中共中央",
            awardedOn = "2026-07-01",
        }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await Problems.JsonAsync(await Committee.PostAsync($"/api/honors/honours/{id}/approve", new { version = 1 }));
        Assert.That(await CandidatesAsync(2027), Does.Not.Contain(onTheDay).And.Contain(dayAfter));
    }

    [Test]
    public async Task A_round_takes_nominations_in_its_window_and_quota_and_a_selected_one_becomes_an_approved_honour()
    {
        var today = Host.Services.GetRequiredService<IClock>().Today;
        object Round(DateOnly opens, DateOnly closes) => new
        {
            title = "两优一先评选", honourType = "outstanding_member", honourLevel = "institute", conferringBody = "中共红帆研究院委员会",
            opensOn = opens, closesOn = closes, quotaPerBranch = 1,
        };
        var open = (await Problems.JsonAsync(await Committee.PostAsync("/api/honors/rounds", Round(today.AddDays(-1), today.AddDays(10))), HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        var closed = (await Problems.JsonAsync(await Committee.PostAsync("/api/honors/rounds", Round(today.AddDays(-30), today.AddDays(-1))), HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        using var secretary = await SecretaryAsync("RS-12");
        await Problems.ExpectAsync(await secretary.PostAsync("/api/honors/rounds", Round(today, today)), HttpStatusCode.Forbidden, "forbidden");
        var rs12 = await Demo.BranchAsync(Host, "RS-12");
        object Nomination(Guid person) => new { organizationId = rs12, personId = person, reason = "带头攻关，成绩突出" };

        await Problems.ExpectAsync(await secretary.PostAsync($"/api/honors/rounds/{closed}/nominations", Nomination(await MemberAsync("RS-12"))),
            HttpStatusCode.UnprocessableEntity, "round_not_open");
        await Problems.ExpectAsync(await secretary.PostAsync($"/api/honors/rounds/{open}/nominations",
            new { organizationId = rs12, personId = await MemberAsync("RS-13"), reason = "x" }), HttpStatusCode.NotFound, "not_found");
        var nominated = (await Problems.JsonAsync(await secretary.PostAsync($"/api/honors/rounds/{open}/nominations", Nomination(await MemberAsync("RS-12"))),
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var overQuota = await Problems.ExpectAsync(await secretary.PostAsync($"/api/honors/rounds/{open}/nominations", Nomination(await MemberAsync("RS-12", 1))),
            HttpStatusCode.UnprocessableEntity, "quota_reached");
        Assert.That(overQuota.GetProperty("detail").GetString(), Does.Contain("1 名"));

        await Problems.ExpectAsync(await secretary.PostAsync($"/api/honors/nominations/{nominated}/result", new { result = "selected", awardedOn = today, version = 1 }),
            HttpStatusCode.Forbidden, "forbidden");
        var result = await Problems.JsonAsync(await Committee.PostAsync($"/api/honors/nominations/{nominated}/result",
            new { result = "selected", awardedOn = today, documentNumber = "院党发〔2026〕20号", version = 1 }));
        var honourId = result.GetProperty("honourId").GetGuid();
        var honour = await Problems.JsonAsync(await secretary.GetAsync($"/api/honors/honours/{honourId}"));
        var listed = await Problems.JsonAsync(await secretary.GetAsync($"/api/honors/rounds/{open}/nominations"));
        Assert.Multiple(async () =>
        {
            Assert.That(honour.GetProperty("status").GetString(), Is.EqualTo("approved"));
            Assert.That(honour.GetProperty("personId").GetGuid(), Is.EqualTo(await MemberAsync("RS-12")));
            Assert.That(honour.GetProperty("title").GetString(), Is.EqualTo("优秀共产党员"), "the honour is named by its type, not by the round");
            Assert.That(listed[0].GetProperty("result").GetString(), Is.EqualTo("selected"));
            Assert.That(await Host.ScalarAsync<long>(
                "select count(*) from honors.outbox where event_type = 'HonourApproved' and payload->>'honourId' = @id", ("id", honourId.ToString())), Is.EqualTo(1L));
        });
        await Problems.ExpectAsync(await Committee.PostAsync($"/api/honors/nominations/{nominated}/result", new { result = "not_selected", version = 2 }),
            HttpStatusCode.UnprocessableEntity, "nomination_decided");
    }

    private static MultipartFormDataContent File(byte[] content, string name) => new() { { new ByteArrayContent(content), "file", name } };

    private static Dictionary<string, object?> Merge(object body, long version)
    {
        var values = JsonSerializer.SerializeToElement(body, ApiClient.Json).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        values["version"] = version;
        return values;
    }
}
