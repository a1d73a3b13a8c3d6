using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NUnit.Framework;
using RedSail.Platform.Access;
using RedSail.Testing;

namespace RedSail.ApiTests;

/// <summary>People records over HTTP: the rules on input, masking, scope, concurrency and the party-status table.</summary>
public sealed class PeopleTests : DemoInstituteTests
{
    private static readonly DateOnly Birth = new(1990, 5, 17);

    private static object Person(Guid organization, string idNumber, string status = "full_member", DateOnly? birth = null, string gender = "1",
        string ethnicity = "01", string? education = "21", object? dates = null, string? phone = "13800138000", string name = "李建国") =>
        PersonBodies.Person(organization, idNumber, status, birth ?? Birth, gender, ethnicity, education, dates, phone, name);

    private Task<long> PeopleCountAsync() => Host.ScalarAsync<long>("select count(*) from personnel.person");

    private async Task<(Guid Id, long Version)> RecordAsync(object person)
    {
        var created = await Problems.JsonAsync(await Committee.PostAsync("/api/personnel/people", person), HttpStatusCode.Created);
        return (created.GetProperty("id").GetGuid(), created.GetProperty("version").GetInt64());
    }


    [Test]
    public async Task An_id_number_with_a_wrong_check_character_is_refused_and_nothing_is_saved()
    {
        var valid = IdNumbers.Valid(Birth, male: true);
        var wrong = valid[..17] + (valid[17] == '0' ? '1' : '0');
        var before = await PeopleCountAsync();

        var problem = await Problems.ExpectAsync(await Committee.PostAsync("/api/personnel/people", Person(Branch, wrong)), HttpStatusCode.BadRequest, "validation_failed");

        Assert.That(Problems.FieldError(problem, "idNumber"), Does.Contain("身份证号").And.Contain("GB 11643"));
        Assert.That(await PeopleCountAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task The_id_number_must_agree_with_birth_date_and_gender()
    {
        var problem = await Problems.ExpectAsync(await Committee.PostAsync("/api/personnel/people",
            Person(Branch, IdNumbers.Valid(Birth.AddDays(1), male: true))), HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(Problems.FieldError(problem, "idNumber"), Does.Contain("1990-05-18"));

        problem = await Problems.ExpectAsync(await Committee.PostAsync("/api/personnel/people",
            Person(Branch, IdNumbers.Valid(Birth, male: false), gender: "1")), HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(Problems.FieldError(problem, "idNumber"), Does.Contain("性别"));
    }

    [TestCase("ethnicity", "57")]
    [TestCase("education", "99")]
    [TestCase("gender", "3")]
    public async Task Codes_outside_the_national_tables_are_refused(string field, string code)
    {
        var person = field switch
        {
            "ethnicity" => Person(Branch, IdNumbers.Valid(Birth, true), ethnicity: code),
            "education" => Person(Branch, IdNumbers.Valid(Birth, true), education: code),
            _ => Person(Branch, IdNumbers.Valid(Birth, true), gender: code),
        };
        var problem = await Problems.ExpectAsync(await Committee.PostAsync("/api/personnel/people", person), HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(Problems.FieldError(problem, field), Does.Contain(code));
    }

    [Test]
    public async Task Party_dates_keep_their_order_the_age_rule_and_the_probation_year()
    {
        var young = new DateOnly(2000, 1, 1);
        var problem = await Problems.ExpectAsync(await Committee.PostAsync("/api/personnel/people", Person(Branch, IdNumbers.Valid(young, true), birth: young,
            dates: new { appliedOn = "2017-06-01", joinedOn = "2016-01-01", convertedOn = "2016-06-01" })), HttpStatusCode.BadRequest, "validation_failed");

        Assert.Multiple(() =>
        {
            Assert.That(Problems.FieldError(problem, "appliedOn"), Does.Contain("18"), "under 18 when applying");
            Assert.That(Problems.FieldError(problem, "joinedOn"), Does.Contain("不能早于前一环节"));
            Assert.That(problem.GetProperty("errors").GetProperty("convertedOn").EnumerateArray().Select(e => e.GetString()),
                Has.Some.Contains("预备期满"));
        });
    }

    [Test]
    public async Task One_person_per_id_number()
    {
        var idNumber = IdNumbers.Valid(Birth, true);
        await RecordAsync(Person(Branch, idNumber));
        var problem = await Problems.ExpectAsync(await Committee.PostAsync("/api/personnel/people", Person(Branch, idNumber.ToLowerInvariant(), name: "另一人")),
            HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(Problems.FieldError(problem, "idNumber"), Is.EqualTo("该身份证号已登记在另一人员名下。"));
    }

    [Test]
    public async Task Id_number_and_phone_are_masked_and_unmasking_is_audited()
    {
        var idNumber = IdNumbers.Valid(Birth, true);
        var (id, _) = await RecordAsync(Person(Branch, idNumber));

        var masked = await Problems.JsonAsync(await Committee.GetAsync($"/api/personnel/people/{id}"));
        var unmasked = await Problems.JsonAsync(await Committee.GetAsync($"/api/personnel/people/{id}?unmask=true"));

        Assert.Multiple(async () =>
        {
            Assert.That(masked.GetProperty("idNumber").GetString(), Is.EqualTo(idNumber[..3] + new string('*', 14) + idNumber[17..]));
            Assert.That(masked.GetProperty("phone").GetString(), Is.EqualTo("138****8000"));
            Assert.That(unmasked.GetProperty("idNumber").GetString(), Is.EqualTo(idNumber));
            Assert.That(await Host.ScalarAsync<long>("select count(*) from platform.audit_log where action = 'personnel.people.unmask' and target_id = @id and result = 'success'",
                ("id", id.ToString())), Is.EqualTo(1L));
            Assert.That(await Host.ScalarAsync<byte[]>("select id_number_cipher from personnel.person where id = @id", ("id", id)),
                Is.Not.EqualTo(System.Text.Encoding.UTF8.GetBytes(idNumber)), "encrypted at rest");
        });
    }

    [Test]
    public async Task ABranch_secretary_cannot_unmask_nor_reach_anotherBranch()
    {
        var (own, _) = await RecordAsync(Person(Branch, IdNumbers.Valid(Birth, true)));
        var other = await Demo.BranchAsync(Host, "RS-02");
        var (foreign, foreignVersion) = await RecordAsync(Person(other, IdNumbers.Valid(Birth, true)));
        using var secretary = Host.Client();
        await secretary.SignInAsync(await Host.CreateUserAsync(RoleCatalog.BranchSecretary, Branch));

        await Problems.ExpectAsync(await secretary.GetAsync($"/api/personnel/people/{own}?unmask=true"), HttpStatusCode.Forbidden, "forbidden");
        await Problems.ExpectAsync(await secretary.GetAsync($"/api/personnel/people/{foreign}"), HttpStatusCode.NotFound, "not_found");
        await Problems.ExpectAsync(await secretary.Http.PutAsJsonAsync($"/api/personnel/people/{foreign}",
            new { version = foreignVersion, basics = new { name = "改名", gender = "1", ethnicity = "01", birthDate = Birth, idNumber = IdNumbers.Valid(Birth, true) } }),
            HttpStatusCode.NotFound, "not_found");
        await Problems.ExpectAsync(await secretary.PostAsync("/api/personnel/people", Person(other, IdNumbers.Valid(Birth, true))), HttpStatusCode.NotFound, "not_found");
        var list = await Problems.JsonAsync(await secretary.GetAsync($"/api/personnel/people?organizationId={other}&pageSize=200"));

        Assert.Multiple(async () =>
        {
            Assert.That(list.GetProperty("total").GetInt64(), Is.Zero, "another branch's people are not listed");
            Assert.That(await Host.ScalarAsync<long>("select count(*) from platform.audit_log where target_id = @id and result = 'denied'", ("id", foreign.ToString())),
                Is.GreaterThanOrEqualTo(2L), "the refused read and change are audited");
            Assert.That(await Host.ScalarAsync<string>("select name from personnel.person where id = @id", ("id", foreign)), Is.EqualTo("李建国"));
        });
    }

    [Test]
    public async Task Of_two_concurrent_edits_one_wins_and_the_other_gets_409_with_the_current_version()
    {
        var idNumber = IdNumbers.Valid(Birth, true);
        var (id, version) = await RecordAsync(Person(Branch, idNumber));
        object Edit(string name) => new { version, basics = new { name, gender = "1", ethnicity = "01", birthDate = Birth, idNumber, education = "14" } };

        var responses = await Task.WhenAll(Committee.Http.PutAsJsonAsync($"/api/personnel/people/{id}", Edit("张甲")),
            Committee.Http.PutAsJsonAsync($"/api/personnel/people/{id}", Edit("张乙")));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.That(statuses, Is.EquivalentTo(new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        var winner = responses.Single(r => r.StatusCode == HttpStatusCode.OK);
        var loser = await Problems.ExpectAsync(responses.Single(r => r.StatusCode == HttpStatusCode.Conflict), HttpStatusCode.Conflict, "concurrency_conflict");
        var current = await Problems.JsonAsync(await Committee.GetAsync($"/api/personnel/people/{id}"));
        Assert.Multiple(() =>
        {
            Assert.That(loser.GetProperty("currentVersion").GetInt64(), Is.EqualTo(version + 1));
            Assert.That(current.GetProperty("version").GetInt64(), Is.EqualTo(version + 1));
            Assert.That(current.GetProperty("name").GetString(), Is.AnyOf("张甲", "张乙"));
        });
        Assert.That(winner.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_list_filters_within_scope_and_finds_a_person_by_exact_id_number()
    {
        var idNumber = IdNumbers.Valid(new DateOnly(1985, 2, 3), male: false);
        await RecordAsync(Person(Branch, idNumber, birth: new DateOnly(1985, 2, 3), gender: "2", name: "周慧敏"));
        var expectedMembers = await Host.ScalarAsync<long>(
            "select count(*) from personnel.person where organization_id = @b and party_status = 'full_member'", ("b", Branch));

        var members = await Problems.JsonAsync(await Committee.GetAsync($"/api/personnel/people?organizationId={Branch}&status=full_member&pageSize=5"));
        var byId = await Problems.JsonAsync(await Committee.GetAsync($"/api/personnel/people?keyword={idNumber}"));
        var women = await Problems.JsonAsync(await Committee.GetAsync($"/api/personnel/people?organizationId={Branch}&gender=2&pageSize=200"));

        Assert.Multiple(() =>
        {
            Assert.That(members.GetProperty("total").GetInt64(), Is.EqualTo(expectedMembers));
            Assert.That(members.GetProperty("items").GetArrayLength(), Is.EqualTo(Math.Min(5, expectedMembers)));
            Assert.That(byId.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("name").GetString()), Is.EqualTo(new[] { "周慧敏" }));
            Assert.That(women.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("gender").GetString()), Has.All.EqualTo("2"));
            Assert.That(members.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("idNumber").GetString()), Has.All.Contains("********"));
        });
    }

    [Test]
    public async Task The_lists_total_without_filters_is_everyone_the_caller_can_page_through()
    {
        var root = await Demo.RootAsync(Host);
        var group = await Demo.BranchAsync(Host, "RS-01-1");
        var other = await Demo.BranchAsync(Host, "RS-02");
        using var secretary = Host.Client();
        await secretary.SignInAsync(await Host.CreateUserAsync(RoleCatalog.BranchSecretary, Branch));
        Task<long> Recount(Guid organization) => Host.ScalarAsync<long>("""
            select count(*) from personnel.person p join personnel.organization o on o.id = p.organization_id
            where o.path <@ (select path from personnel.organization where id = @o)
            """, ("o", organization));
        async Task<(long Total, int Listed)> ListAsync(ApiClient client, string query)
        {
            var page = await Problems.JsonAsync(await client.GetAsync($"/api/personnel/people?pageSize=100{query}"));
            Assert.That(page.GetProperty("totalCapped").GetBoolean(), Is.False);
            var listed = page.GetProperty("items").GetArrayLength();
            for (var n = 2; listed < page.GetProperty("total").GetInt64() && n <= 20; n++)
                listed += (await Problems.JsonAsync(await client.GetAsync($"/api/personnel/people?pageSize=100&page={n}{query}"))).GetProperty("items").GetArrayLength();
            return (page.GetProperty("total").GetInt64(), listed);
        }

        var everyone = await ListAsync(Committee, "");
        var branch = await ListAsync(Committee, $"&organizationId={Branch}");
        var ownBranch = await ListAsync(secretary, "");
        var ownGroup = await ListAsync(secretary, $"&organizationId={group}");
        var aboveScope = await ListAsync(secretary, $"&organizationId={root}");
        var outsideScope = await ListAsync(secretary, $"&organizationId={other}");

        Assert.Multiple(async () =>
        {
            Assert.That(everyone, Is.EqualTo((await PeopleCountAsync(), (int)await PeopleCountAsync())), "the committee's whole tree");
            Assert.That(branch, Is.EqualTo((await Recount(Branch), (int)await Recount(Branch))), "one branch's subtree");
            Assert.That(ownBranch, Is.EqualTo(branch), "a secretary sees their branch");
            Assert.That(ownGroup, Is.EqualTo((await Recount(group), (int)await Recount(group))).And.Not.EqualTo(branch), "a group in it");
            Assert.That(aboveScope, Is.EqualTo(branch), "asking for the root still shows only the branch");
            Assert.That(outsideScope, Is.EqualTo((0L, 0)), "another branch shows nothing");
        });
    }

    [Test]
    public async Task A_list_paged_one_by_one_keeps_the_order_of_the_whole_list()
    {
        // A branch is a narrow scope: its first pages are read in name order, its later ones (and a page of 200) organisation
        // first (PeopleSelection.PageSql). Both ways must give one order, with and without a filter.
        using var secretary = Host.Client();
        await secretary.SignInAsync(await Host.CreateUserAsync(RoleCatalog.BranchSecretary, Branch));
        async Task<string[]> IdsAsync(string query) => (await Problems.JsonAsync(await secretary.GetAsync($"/api/personnel/people?{query}")))
            .GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetString()!).ToArray();

        foreach (var filter in new[] { "", "&status=full_member" })
        {
            var whole = await IdsAsync($"pageSize=200{filter}");
            var paged = new List<string>();
            for (var page = 1; page <= whole.Length + 1; page++) paged.AddRange(await IdsAsync($"pageSize=1&page={page}{filter}"));
            Assert.That(whole, Has.Length.GreaterThan(8), filter);
            Assert.That(paged, Is.EqualTo(whole), filter);
        }
    }

    [Test]
    public async Task Party_status_moves_only_along_the_regulation_and_conversion_waits_a_year()
    {
        var (id, version) = await RecordAsync(Person(Branch, IdNumbers.Valid(Birth, true), status: "applicant", dates: new { appliedOn = "2024-03-01" }));
        async Task<HttpResponseMessage> Change(string to, string on) =>
            await Committee.PostAsync($"/api/personnel/people/{id}/party-status", new { version, to, effectiveOn = on, reason = "支委会决定", documentNumber = "党支〔2024〕1号" });

        var refused = await Problems.ExpectAsync(await Change("probationary", "2024-06-01"), (HttpStatusCode)422, "party_status_transition");
        Assert.That(refused.GetProperty("detail").GetString(), Is.EqualTo("党籍状态不能从“入党申请人”直接变更为“预备党员”。"));
        foreach (var (to, on) in new[] { ("activist", "2024-09-01"), ("candidate", "2025-09-10"), ("probationary", "2025-12-01") })
            version = (await Problems.JsonAsync(await Change(to, on))).GetProperty("version").GetInt64();
        var early = await Problems.ExpectAsync(await Change("full_member", "2026-06-01"), HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(Problems.FieldError(early, "effectiveOn"), Is.EqualTo("生效日期不能早于预备期满之日 2026-12-01。"));

        var person = await Problems.JsonAsync(await Committee.GetAsync($"/api/personnel/people/{id}"));
        var changes = await Problems.JsonAsync(await Committee.GetAsync($"/api/personnel/people/{id}/changes"));
        Assert.Multiple(async () =>
        {
            Assert.That(person.GetProperty("partyStatus").GetString(), Is.EqualTo("probationary"));
            Assert.That(person.GetProperty("joinedOn").GetString(), Is.EqualTo("2025-12-01"));
            Assert.That(changes.EnumerateArray().Select(c => c.GetProperty("change").GetString()),
                Is.EqualTo(new[] { "party_status", "party_status", "party_status", "recorded" }));
            Assert.That(await Host.ScalarAsync<long>(
                "select count(*) from personnel.outbox where event_type = 'PartyStatusChanged' and payload->>'personId' = @id", ("id", id.ToString())), Is.EqualTo(3L));
        });
    }

    [Test]
    public async Task An_edit_without_id_number_and_phone_keeps_them_and_still_checks_the_birth_date()
    {
        var idNumber = IdNumbers.Valid(Birth, true);
        var (id, version) = await RecordAsync(Person(Branch, idNumber));
        using var secretary = Host.Client();
        await secretary.SignInAsync(await Host.CreateUserAsync(RoleCatalog.BranchSecretary, Branch));

        var mismatch = await Problems.ExpectAsync(await secretary.Http.PutAsJsonAsync($"/api/personnel/people/{id}",
            new { version, basics = new { name = "李建国", gender = "1", ethnicity = "01", birthDate = Birth.AddDays(1) } }), HttpStatusCode.BadRequest, "validation_failed");
        var edited = await secretary.Http.PutAsJsonAsync($"/api/personnel/people/{id}",
            new { version, basics = new { name = "李建华", gender = "1", ethnicity = "01", birthDate = Birth, department = "信息中心" } });
        var person = await Problems.JsonAsync(await Committee.GetAsync($"/api/personnel/people/{id}?unmask=true"));

        Assert.Multiple(() =>
        {
            Assert.That(Problems.FieldError(mismatch, "idNumber"), Does.Contain("1990-05-17"));
            Assert.That(edited.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(person.GetProperty("name").GetString(), Is.EqualTo("李建华"));
            Assert.That(person.GetProperty("idNumber").GetString(), Is.EqualTo(idNumber));
            Assert.That(person.GetProperty("phone").GetString(), Is.EqualTo("13800138000"));
        });
    }

    [Test]
    public async Task A_seeded_applicant_moves_on_to_activist()
    {
        var (id, version) = (await Host.ScalarAsync<Guid>("select id from personnel.person where party_status = 'applicant' order by employee_number limit 1"), 0L);
        version = await Host.ScalarAsync<long>("select version from personnel.person where id = @id", ("id", id));
        var changed = await Committee.PostAsync($"/api/personnel/people/{id}/party-status",
            new { version, to = "activist", effectiveOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1), reason = "支委会讨论确定" });
        Assert.That((await Problems.JsonAsync(changed)).GetProperty("partyStatus").GetString(), Is.EqualTo("activist"));
    }
}
