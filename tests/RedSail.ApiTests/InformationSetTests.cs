using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NUnit.Framework;
using RedSail.Platform.Access;
using RedSail.Testing;

namespace RedSail.ApiTests;

/// <summary>A person's information sets over HTTP: field rules, encryption and masking of sensitive fields, history, scope, 409.</summary>
public sealed class InformationSetTests : DemoInstituteTests
{
    private Guid _person;
    private static readonly DateOnly Birth = new(1988, 9, 9);

    [OneTimeSetUp]
    public async Task Arrange()
    {
        _person = await RecordAsync(Branch);
    }

    private async Task<Guid> RecordAsync(Guid organization)
    {
        var created = await Problems.JsonAsync(await Committee.PostAsync("/api/personnel/people",
            PersonBodies.Person(organization, IdNumbers.Valid(Birth, true), "full_member", Birth)), HttpStatusCode.Created);
        return created.GetProperty("id").GetGuid();
    }

    private async Task<(Guid Id, long Version)> AddAsync(Guid person, object entry, ApiClient? client = null)
    {
        var saved = await Problems.JsonAsync(await (client ?? Committee).PostAsync($"/api/personnel/people/{person}/records", entry), HttpStatusCode.Created);
        return (saved.GetProperty("id").GetGuid(), saved.GetProperty("version").GetInt64());
    }

    private async Task<JsonElement> EntryAsync(Guid person, Guid id, bool unmask = false)
    {
        var list = await Problems.JsonAsync(await Committee.GetAsync($"/api/personnel/people/{person}/records{(unmask ? "?unmask=true" : "")}"));
        return list.EnumerateArray().Single(e => e.GetProperty("id").GetGuid() == id);
    }


    [Test]
    public async Task A_family_member_is_encrypted_at_rest_masked_when_read_and_unmasked_only_with_an_audit_row()
    {
        var (id, _) = await AddAsync(_person, new
        {
            set = "family",
            values = new { relation = "10", name = "王秀英", birthYear = 1989, politicalStatus = "13", workUnit = "北京市第一医院" },
        });

        var masked = await EntryAsync(_person, id);
        var unmasked = await EntryAsync(_person, id, unmask: true);
        var stored = await Host.ScalarAsync<string>("select data::text || coalesce(encode(secret, 'escape'), '') from personnel.person_record where id = @id", ("id", id));

        Assert.Multiple(async () =>
        {
            Assert.That(masked.GetProperty("values").GetProperty("name").GetString(), Is.EqualTo("王**"));
            Assert.That(masked.GetProperty("values").GetProperty("workUnit").GetString(), Is.EqualTo("******"));
            Assert.That(masked.GetProperty("values").GetProperty("relation").GetString(), Is.EqualTo("10"), "ordinary fields are shown");
            Assert.That(masked.GetProperty("masked").GetBoolean(), Is.True);
            Assert.That(unmasked.GetProperty("values").GetProperty("name").GetString(), Is.EqualTo("王秀英"));
            Assert.That(stored, Does.Not.Contain("王秀英").And.Not.Contain("北京市第一医院"), "sensitive values are not stored in clear");
            Assert.That(await Host.ScalarAsync<long>("select count(*) from platform.audit_log where action = 'personnel.records.unmask' and target_id = @id and result = 'success'",
                ("id", _person.ToString())), Is.GreaterThanOrEqualTo(1L));
        });
    }

    [Test]
    public async Task Each_field_is_checked_against_the_set_definition_and_nothing_is_saved_on_error()
    {
        var before = await Host.ScalarAsync<long>("select count(*) from personnel.person_record");

        var problem = await Problems.ExpectAsync(await Committee.PostAsync($"/api/personnel/people/{_person}/records", new
        {
            set = "family",
            values = new { relation = "42", birthYear = 2999, colour = "red" },
        }), HttpStatusCode.BadRequest, "validation_failed");

        Assert.Multiple(async () =>
        {
            Assert.That(Problems.FieldError(problem, "family.relation"), Does.Contain("与本人关系").And.Contain("42"));
            Assert.That(Problems.FieldError(problem, "family.name"), Does.Contain("家庭成员姓名"));
            Assert.That(Problems.FieldError(problem, "family.birthYear"), Does.Contain("1900"));
            Assert.That(problem.GetProperty("errors").TryGetProperty("family.colour", out _), Is.True, "unknown fields are refused");
            Assert.That(await Host.ScalarAsync<long>("select count(*) from personnel.person_record"), Is.EqualTo(before));
        });
    }

    [Test]
    public async Task A_democratic_party_is_required_for_its_members_and_refused_for_others()
    {
        var member = await Problems.ExpectAsync(await Committee.PostAsync($"/api/personnel/people/{_person}/records",
            new { set = "united_front", values = new { category = "01" } }), HttpStatusCode.BadRequest, "validation_failed");
        var other = await Problems.ExpectAsync(await Committee.PostAsync($"/api/personnel/people/{_person}/records",
            new { set = "united_front", values = new { category = "03", democraticParty = "05" } }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Multiple(() =>
        {
            Assert.That(Problems.FieldError(member, "united_front.democraticParty"), Does.Contain("民主党派成员须填写"));
            Assert.That(Problems.FieldError(other, "united_front.democraticParty"), Does.Contain("只有民主党派成员"));
        });
    }

    [Test]
    public async Task Traits_have_one_current_entry_and_an_edit_that_omits_a_sensitive_field_keeps_it()
    {
        var person = await RecordAsync(Branch);
        var (id, version) = await AddAsync(person, new { set = "traits", values = new { specialty = "水文地质", skills = "书法", health = "高血压，需定期复查" } });
        var second = await Problems.ExpectAsync(await Committee.PostAsync($"/api/personnel/people/{person}/records",
            new { set = "traits", values = new { specialty = "测绘" } }), HttpStatusCode.BadRequest, "validation_failed");

        var updated = await Problems.JsonAsync(await Committee.Http.PutAsJsonAsync($"/api/personnel/people/{person}/records/{id}",
            new { version, values = new { specialty = "水文地质、遥感", skills = "书法" } }));
        var entry = await EntryAsync(person, id, unmask: true);

        Assert.Multiple(async () =>
        {
            Assert.That(second.GetProperty("errors").TryGetProperty("set", out _), Is.True);
            Assert.That(updated.GetProperty("version").GetInt64(), Is.EqualTo(version + 1));
            Assert.That(entry.GetProperty("values").GetProperty("specialty").GetString(), Is.EqualTo("水文地质、遥感"));
            Assert.That(entry.GetProperty("values").GetProperty("health").GetString(), Is.EqualTo("高血压，需定期复查"), "omitted sensitive field kept");
            Assert.That(await Host.ScalarAsync<string>(
                "select before::text from personnel.person_change where person_id = @id and change = 'record_updated'", ("id", person)),
                Does.Contain("水文地质").And.Not.Contain("高血压"), "the timeline keeps the old ordinary values, never sensitive ones");
        });
    }

    [Test]
    public async Task A_stale_edit_gets_409_and_a_removed_entry_is_kept_with_its_reason()
    {
        var (id, version) = await AddAsync(_person, new
        {
            set = "post", validFrom = "2020-01-01", values = new { post = "副所长", title = "高级工程师", titleLevel = "2" },
        });
        var first = await Committee.Http.PutAsJsonAsync($"/api/personnel/people/{_person}/records/{id}",
            new { version, validFrom = "2020-01-01", validTo = "2025-12-31", values = new { post = "副所长", title = "高级工程师", titleLevel = "2" } });
        var stale = await Committee.Http.PutAsJsonAsync($"/api/personnel/people/{_person}/records/{id}",
            new { version, validFrom = "2020-01-01", values = new { post = "所长" } });
        await Problems.JsonAsync(first);
        var conflict = await Problems.ExpectAsync(stale, HttpStatusCode.Conflict, "concurrency_conflict");

        await Problems.JsonAsync(await Committee.PostAsync($"/api/personnel/people/{_person}/records/{id}/remove",
            new { version = version + 1, reason = "误录" }));
        var list = await Problems.JsonAsync(await Committee.GetAsync($"/api/personnel/people/{_person}/records?set=post"));

        Assert.Multiple(async () =>
        {
            Assert.That(conflict.GetProperty("currentVersion").GetInt64(), Is.EqualTo(version + 1));
            Assert.That(list.EnumerateArray().Any(e => e.GetProperty("id").GetGuid() == id), Is.False);
            Assert.That(await Host.ScalarAsync<string>("select removed_reason from personnel.person_record where id = @id", ("id", id)), Is.EqualTo("误录"));
        });
    }

    [Test]
    public async Task A_membership_must_name_a_mass_organisation_and_announces_itself_without_sensitive_values()
    {
        var union = await Host.ScalarAsync<Guid>("select id from personnel.organization where type = 'union' limit 1");
        var problem = await Problems.ExpectAsync(await Committee.PostAsync($"/api/personnel/people/{_person}/records",
            new { set = "mass_org", validFrom = "2019-05-04", values = new { organization = Branch.ToString(), post = "会员" } }),
            HttpStatusCode.BadRequest, "validation_failed");
        var (id, _) = await AddAsync(_person, new { set = "mass_org", validFrom = "2019-05-04", values = new { organization = union.ToString(), post = "委员" } });

        var entry = await EntryAsync(_person, id);
        Assert.Multiple(async () =>
        {
            Assert.That(Problems.FieldError(problem, "mass_org.organization"), Does.Contain("群团组织"));
            Assert.That(entry.GetProperty("organizationName").GetString(), Is.Not.Empty);
            Assert.That(await Host.ScalarAsync<long>(
                "select count(*) from personnel.outbox where event_type = 'PersonRecordChanged' and payload->>'recordId' = @id", ("id", id.ToString())),
                Is.EqualTo(1L));
        });
    }

    [Test]
    public async Task ABranch_secretary_cannot_read_or_add_to_anotherBranchs_people()
    {
        var other = await RecordAsync(await Demo.BranchAsync(Host, "RS-02"));
        using var secretary = Host.Client();
        await secretary.SignInAsync(await Host.CreateUserAsync(RoleCatalog.BranchSecretary, Branch));

        await Problems.ExpectAsync(await secretary.GetAsync($"/api/personnel/people/{other}/records"), HttpStatusCode.NotFound, "not_found");
        await Problems.ExpectAsync(await secretary.PostAsync($"/api/personnel/people/{other}/records",
            new { set = "traits", values = new { specialty = "x" } }), HttpStatusCode.NotFound, "not_found");
        await AddAsync(_person, new { set = "reward", validFrom = "2021-07-01", values = new { kind = "reward", name = "优秀共产党员", level = "institute" } }, secretary);

        Assert.That(await Host.ScalarAsync<long>("select count(*) from platform.audit_log where target_id = @id and result = 'denied'", ("id", other.ToString())),
            Is.EqualTo(2L), "both refusals audited");
    }

    [Test]
    public async Task The_set_catalogue_speaks_the_callers_language()
    {
        var zh = await Problems.JsonAsync(await Committee.GetAsync("/api/personnel/information-sets"));
        Committee.Language = "en";
        var en = await Problems.JsonAsync(await Committee.GetAsync("/api/personnel/information-sets"));
        Committee.Language = "zh-CN";
        string Label(JsonElement c) => c.GetProperty("codes").GetProperty("united_front_category")[0].GetProperty("label").GetString()!;
        Assert.Multiple(() =>
        {
            Assert.That(Label(zh), Is.EqualTo("民主党派成员"));
            Assert.That(Label(en), Is.EqualTo("Democratic party member"));
            Assert.That(zh.GetProperty("codes").GetProperty("united_front_category").GetArrayLength(), Is.EqualTo(12));
            Assert.That(zh.GetProperty("sets").EnumerateArray().Select(s => s.GetProperty("kind").GetString()),
                Is.SupersetOf(new[] { "education", "post", "family", "reward", "abroad", "care", "traits", "mass_org", "united_front" }));
        });
    }

    [Test]
    public async Task The_people_list_filters_by_trait_title_and_role()
    {
        var branch = await Demo.BranchAsync(Host, "RS-05");
        var person = await RecordAsync(branch);
        await AddAsync(person, new { set = "traits", values = new { specialty = "冰川遥感监测", skills = "古琴" } });
        await AddAsync(person, new { set = "post", validFrom = "2022-03-01", values = new { post = "项目主管", title = "正高级工程师（测绘）" } });
        async Task<Guid[]> IdsAsync(string query) =>
            (await Problems.JsonAsync(await Committee.GetAsync($"/api/personnel/people?organizationId={branch}&pageSize=200&{query}")))
            .GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()).ToArray();

        var byTrait = await IdsAsync("trait=" + Uri.EscapeDataString("冰川遥感"));
        var bySkill = await IdsAsync("trait=" + Uri.EscapeDataString("古琴"));
        var byTitle = await IdsAsync("titleKeyword=" + Uri.EscapeDataString("正高级工程师（测绘"));
        var members = await IdsAsync("role=member");
        var unitedFront = await IdsAsync("role=united_front");
        var badRole = await Problems.ExpectAsync(await Committee.GetAsync("/api/personnel/people?role=wizard"), HttpStatusCode.BadRequest, "validation_failed");

        Assert.Multiple(() =>
        {
            Assert.That(byTrait, Is.EqualTo(new[] { person }));
            Assert.That(bySkill, Is.EqualTo(new[] { person }));
            Assert.That(byTitle, Is.EqualTo(new[] { person }));
            Assert.That(members, Does.Contain(person));
            Assert.That(unitedFront, Does.Not.Contain(person));
            Assert.That(Problems.FieldError(badRole, "role"), Does.Contain("人员身份"));
        });
    }

    [Test]
    public async Task Closing_an_answered_request_keeps_the_response_the_editor_only_saw_masked()
    {
        var (id, version) = await AddAsync(_person, new
        {
            set = "care", validFrom = "2026-10-08", values = new { category = "housing", request = "申请公租房", response = "已协调后勤处登记", status = "answered" },
        });
        var closed = await Problems.JsonAsync(await Committee.Http.PutAsJsonAsync($"/api/personnel/people/{_person}/records/{id}",
            new { version, validFrom = "2026-10-08", values = new { category = "housing", status = "closed" } }));
        var entry = await EntryAsync(_person, id, unmask: true);

        Assert.Multiple(() =>
        {
            Assert.That(closed.GetProperty("version").GetInt64(), Is.EqualTo(version + 1));
            Assert.That(entry.GetProperty("values").GetProperty("status").GetString(), Is.EqualTo("closed"));
            Assert.That(entry.GetProperty("values").GetProperty("response").GetString(), Is.EqualTo("已协调后勤处登记"));
        });
    }
}
