using System.Net;
using System.Text.Json;
using NUnit.Framework;
using RedSail.Platform.Access;
using RedSail.Testing;

namespace RedSail.ApiTests;

/// <summary>Rule sets, committees by term, structure warnings, reminders and organisational relations over HTTP.</summary>
public sealed class CommitteeAndRelationTests : DemoInstituteTests
{
    private static readonly DateOnly Birth = new(1980, 4, 4);


    private async Task<(Guid Id, long Version)> RecordAsync(Guid organization, string status = "full_member", object? dates = null)
    {
        var created = await Problems.JsonAsync(await Committee.PostAsync("/api/personnel/people",
            PersonBodies.Person(organization, IdNumbers.Valid(Birth, true), status, Birth, dates: dates)), HttpStatusCode.Created);
        return (created.GetProperty("id").GetGuid(), created.GetProperty("version").GetInt64());
    }

    private async Task<Guid[]> FullMembersAsync(Guid organization, int count) =>
        (await Task.WhenAll(Enumerable.Range(0, count).Select(_ => RecordAsync(organization)))).Select(p => p.Id).ToArray();

    private static object Election(string electedOn, int entitled, int present, params (Guid Person, string Post)[] members) => new
    {
        electedOn, entitledVoters = entitled, presentVoters = present, electionMethod = "competitive",
        members = members.Select(m => new { personId = m.Person, post = m.Post }),
    };

    private async Task<Guid> NewBranchAsync(string code) =>
        (await Problems.JsonAsync(await Committee.PostAsync("/api/personnel/organizations", new
        {
            parentId = await Demo.RootAsync(Host), code, name = "测试支部" + code, type = "branch", foundedOn = "2010-01-01",
        }), HttpStatusCode.Created)).GetProperty("id").GetGuid();

    [Test]
    public async Task The_2014_rules_are_in_force_and_a_later_version_governs_admissions_from_its_date()
    {
        var list = await Problems.JsonAsync(await Committee.GetAsync("/api/personnel/rule-sets"));
        Assert.That(list.GetProperty("versions")[0].GetProperty("rules").GetProperty("probationMonths").GetInt32(), Is.EqualTo(12));
        Assert.That(list.GetProperty("inForceId").GetGuid(), Is.EqualTo(list.GetProperty("versions")[0].GetProperty("id").GetGuid()));

        var bad = await Problems.ExpectAsync(await Committee.PostAsync("/api/personnel/rule-sets", new
        {
            title = "错误", source = "测试", effectiveFrom = "2025-01-01", rules = new { minApplicationAge = 3 },
        }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(Problems.FieldError(bad, "rules.minApplicationAge"), Does.Contain("申请入党最低年龄").And.Contain("14"));

        await Problems.JsonAsync(await Committee.PostAsync("/api/personnel/rule-sets", new
        {
            title = "本单位从严规定", source = "党委会议纪要 2024-12", effectiveFrom = "2025-01-01", rules = new { probationMonths = 18 },
        }), HttpStatusCode.Created);
        var branch = await Demo.BranchAsync(Host, "RS-03");
        var underOld = await Committee.PostAsync("/api/personnel/people", PersonBodies.Person(branch, IdNumbers.Valid(Birth, true), "full_member", Birth,
            dates: new { joinedOn = "2024-06-01", convertedOn = "2025-06-01" }));
        var underNew = await Problems.ExpectAsync(await Committee.PostAsync("/api/personnel/people", PersonBodies.Person(branch,
            IdNumbers.Valid(Birth, true), "full_member", Birth, dates: new { joinedOn = "2025-02-01", convertedOn = "2026-02-01" })),
            HttpStatusCode.BadRequest, "validation_failed");

        Assert.That(underOld.StatusCode, Is.EqualTo(HttpStatusCode.Created), "admitted under the 2014 rules: one year");
        Assert.That(Problems.FieldError(underNew, "convertedOn"), Does.Contain("2026-08-01"), "admitted under the new version: 18 months");
    }

    [Test]
    public async Task Only_theCommittee_administrator_may_add_rule_sets()
    {
        using var secretary = Host.Client();
        await secretary.SignInAsync(await Host.CreateUserAsync(RoleCatalog.BranchSecretary, await Demo.BranchAsync(Host, "RS-01")));
        var response = await secretary.PostAsync("/api/personnel/rule-sets", new { title = "x", source = "y", effectiveFrom = "2030-01-01", rules = new { } });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task An_election_needs_more_than_four_fifths_present_and_full_members_of_theBranch()
    {
        var branch = await NewBranchAsync("T-ELECT1");
        var members = await FullMembersAsync(branch, 3);
        var (probationary, _) = await RecordAsync(branch, "probationary", new { joinedOn = "2026-03-01" });

        var noQuorum = await Problems.ExpectAsync(await Committee.PostAsync($"/api/personnel/organizations/{branch}/committee-terms",
            Election("2026-01-10", 5, 4, (members[0], "secretary"))), HttpStatusCode.BadRequest, "validation_failed");
        var notEligible = await Problems.ExpectAsync(await Committee.PostAsync($"/api/personnel/organizations/{branch}/committee-terms",
            Election("2026-01-10", 4, 4, (members[0], "secretary"), (probationary, "deputy_secretary"))), HttpStatusCode.BadRequest, "validation_failed");
        var twoSecretaries = await Problems.ExpectAsync(await Committee.PostAsync($"/api/personnel/organizations/{branch}/committee-terms",
            Election("2026-01-10", 4, 4, (members[0], "secretary"), (members[1], "secretary"))), HttpStatusCode.BadRequest, "validation_failed");

        Assert.Multiple(async () =>
        {
            Assert.That(Problems.FieldError(noQuorum, "presentVoters"), Does.Contain("80%"));
            Assert.That(Problems.FieldError(notEligible, "members[1].personId"), Does.Contain("正式党员"));
            Assert.That(Problems.FieldError(twoSecretaries, "members"), Does.Contain("一名书记"));
            Assert.That(await Host.ScalarAsync<long>("select count(*) from personnel.committee_term where organization_id = @b", ("b", branch)), Is.Zero);
        });
    }

    [Test]
    public async Task A_term_lasts_three_years_for_aBranch_and_the_next_election_ends_the_previous_term()
    {
        var branch = await NewBranchAsync("T-ELECT2");
        var members = await FullMembersAsync(branch, 3);
        var first = await Problems.JsonAsync(await Committee.PostAsync($"/api/personnel/organizations/{branch}/committee-terms",
            Election("2023-01-15", 3, 3, (members[0], "secretary"))), HttpStatusCode.Created);
        var second = await Problems.JsonAsync(await Committee.PostAsync($"/api/personnel/organizations/{branch}/committee-terms",
            Election("2026-01-12", 3, 3, (members[1], "secretary"), (members[2], "deputy_secretary"))), HttpStatusCode.Created);
        var terms = await Problems.JsonAsync(await Committee.GetAsync($"/api/personnel/organizations/{branch}/committee-terms"));

        Assert.Multiple(async () =>
        {
            Assert.That(first.GetProperty("endsOn").GetString(), Is.EqualTo("2026-01-15"));
            Assert.That(second.GetProperty("termNumber").GetInt32(), Is.EqualTo(2));
            Assert.That(terms[0].GetProperty("state").GetString(), Is.EqualTo("in_term"));
            Assert.That(terms[0].GetProperty("members").GetArrayLength(), Is.EqualTo(2));
            Assert.That(terms[1].GetProperty("status").GetString(), Is.EqualTo("ended"));
            Assert.That(terms[1].GetProperty("members")[0].GetProperty("toOn").GetString(), Is.EqualTo("2026-01-12"));
            Assert.That(await Host.ScalarAsync<long>("select count(*) from personnel.outbox where event_type = 'CommitteeElected' and payload->>'organizationId' = @b",
                ("b", branch.ToString())), Is.EqualTo(2L));
        });
    }

    [Test]
    public async Task Structure_warnings_nameBranches_that_break_the_rules()
    {
        var small = await NewBranchAsync("T-SMALL");
        await FullMembersAsync(small, 2);
        var big = await NewBranchAsync("T-BIG");
        await FullMembersAsync(big, 8);

        var page = await Problems.JsonAsync(await Committee.GetAsync("/api/personnel/organizations/structure-warnings?pageSize=200"));
        string[] WarningsOf(Guid id) => page.GetProperty("items").EnumerateArray().Single(w => w.GetProperty("organizationId").GetGuid() == id)
            .GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(WarningsOf(small), Is.EquivalentTo(new[] { "too_few_full_members", "term_missing" }));
            Assert.That(WarningsOf(big), Is.EquivalentTo(new[] { "committee_missing", "term_missing" }));
        });
    }

    [Test]
    public async Task A_probationary_member_near_the_end_of_probation_appears_among_the_reminders_of_whoever_sees_the_branch()
    {
        var branch = await NewBranchAsync("T-REMIND");
        var joined = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-1).AddDays(10);
        var (id, _) = await RecordAsync(branch, "probationary", new { joinedOn = joined.ToString("yyyy-MM-dd") });
        async Task<JsonElement[]> RemindersOfAsync(Guid scope)
        {
            using var secretary = Host.Client();
            await secretary.SignInAsync(await Host.CreateUserAsync(RoleCatalog.BranchSecretary, scope));
            var items = (await Problems.JsonAsync(await secretary.GetAsync("/api/personnel/reminders?pageSize=200"))).GetProperty("items");
            return items.EnumerateArray().ToArray();
        }

        var page = await Problems.JsonAsync(await Committee.GetAsync("/api/personnel/reminders?pageSize=200"));
        var reminder = page.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("personId").GetGuid() == id);
        var ownSecretary = await RemindersOfAsync(branch);
        var otherSecretary = await RemindersOfAsync(Branch);
        Assert.Multiple(() =>
        {
            Assert.That(reminder.GetProperty("kind").GetString(), Is.EqualTo("probation_due"));
            Assert.That(reminder.GetProperty("dueOn").GetString(), Is.EqualTo(joined.AddYears(1).ToString("yyyy-MM-dd")));
            Assert.That(ownSecretary.Select(r => r.GetProperty("personId").GetGuid()), Is.EqualTo(new[] { id }), "the branch's secretary");
            Assert.That(otherSecretary.Select(r => r.GetProperty("personId").GetGuid()), Does.Not.Contain(id), "another branch's secretary");
        });
    }

    [Test]
    public async Task A_member_transferred_out_and_back_in_keeps_one_record()
    {
        var from = await Demo.BranchAsync(Host, "RS-04");
        var to = await Demo.BranchAsync(Host, "RS-05");
        var idNumber = IdNumbers.Valid(Birth, true);
        var created = await Problems.JsonAsync(await Committee.PostAsync("/api/personnel/people",
            PersonBodies.Person(from, idNumber, "full_member", Birth)), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();

        var duesLate = await Problems.ExpectAsync(await Committee.PostAsync($"/api/personnel/people/{id}/transfer-out", new
        {
            version = 1, effectiveOn = "2026-03-15", letterNumber = "京组转〔2026〕12号", destination = "某部机关党委", duesPaidUpTo = "2026-05",
        }), HttpStatusCode.BadRequest, "validation_failed");
        var outward = await Problems.JsonAsync(await Committee.PostAsync($"/api/personnel/people/{id}/transfer-out", new
        {
            version = 1, effectiveOn = "2026-03-15", letterNumber = "京组转〔2026〕12号", destination = "某部机关党委", duesPaidUpTo = "2026-03",
        }));
        var back = await Problems.JsonAsync(await Committee.PostAsync("/api/personnel/people/transfer-in", new
        {
            organizationId = to, effectiveOn = "2026-09-01", letterNumber = "部组转〔2026〕88号", origin = "某部机关党委", duesPaidUpTo = "2026-08",
            basics = new { name = "李建国", gender = "1", ethnicity = "01", birthDate = Birth, idNumber },
            partyStatus = "full_member", partyDates = new { joinedOn = "2014-06-20", convertedOn = "2015-06-21" },
        }), HttpStatusCode.Created);
        var person = await Problems.JsonAsync(await Committee.GetAsync($"/api/personnel/people/{id}"));

        Assert.Multiple(async () =>
        {
            Assert.That(Problems.FieldError(duesLate, "duesPaidUpTo"), Does.Contain("党费交至"));
            Assert.That(outward.GetProperty("relation").GetString(), Is.EqualTo("transferred_out"));
            Assert.That(back.GetProperty("id").GetGuid(), Is.EqualTo(id));
            Assert.That(back.GetProperty("returning").GetBoolean(), Is.True);
            Assert.That(person.GetProperty("organizationId").GetGuid(), Is.EqualTo(to));
            Assert.That(person.GetProperty("relation").GetString(), Is.EqualTo("active"));
            Assert.That(await Host.ScalarAsync<long>("select count(*) from personnel.outbox where event_type in ('PersonTransferredOut', 'PersonTransferredIn') and payload->>'personId' = @id",
                ("id", id.ToString())), Is.EqualTo(2L));
        });
    }

    [Test]
    public async Task A_flowing_member_needs_whereabouts_and_an_applicant_has_no_relation_to_change()
    {
        var branch = await Demo.BranchAsync(Host, "RS-06");
        var (member, version) = await RecordAsync(branch);
        var (applicant, applicantVersion) = await RecordAsync(branch, "applicant", new { appliedOn = "2025-03-01" });

        var missing = await Problems.ExpectAsync(await Committee.PostAsync($"/api/personnel/people/{member}/relation",
            new { version, to = "flowing", effectiveOn = "2026-05-01", reason = "外出务工" }), HttpStatusCode.BadRequest, "validation_failed");
        var flowing = await Problems.JsonAsync(await Committee.PostAsync($"/api/personnel/people/{member}/relation",
            new { version, to = "flowing", effectiveOn = "2026-05-01", reason = "外派项目", whereabouts = "新疆项目部，电话 0991-1234567" }));
        await Problems.ExpectAsync(await Committee.PostAsync($"/api/personnel/people/{applicant}/relation",
            new { version = applicantVersion, to = "lost_contact", effectiveOn = "2026-05-01", reason = "联系不上" }), HttpStatusCode.UnprocessableEntity, "relation_not_member");

        Assert.Multiple(() =>
        {
            Assert.That(Problems.FieldError(missing, "whereabouts"), Does.Contain("去向"));
            Assert.That(flowing.GetProperty("relation").GetString(), Is.EqualTo("flowing"));
        });
    }

    [Test]
    public async Task A_person_moves_betweenBranches_only_within_the_callers_scope()
    {
        var own = await Demo.BranchAsync(Host, "RS-07");
        var other = await Demo.BranchAsync(Host, "RS-08");
        var (id, version) = await RecordAsync(own);
        using var secretary = Host.Client();
        await secretary.SignInAsync(await Host.CreateUserAsync(RoleCatalog.BranchSecretary, own));

        await Problems.ExpectAsync(await secretary.PostAsync($"/api/personnel/people/{id}/move",
            new { version, toOrganizationId = other, effectiveOn = "2026-06-01", reason = "部门调整" }), HttpStatusCode.NotFound, "not_found");
        var moved = await Problems.JsonAsync(await Committee.PostAsync($"/api/personnel/people/{id}/move",
            new { version, toOrganizationId = other, effectiveOn = "2026-06-01", reason = "部门调整" }));

        Assert.Multiple(async () =>
        {
            Assert.That(moved.GetProperty("organizationId").GetGuid(), Is.EqualTo(other));
            Assert.That(await Host.ScalarAsync<Guid>("select organization_id from personnel.person where id = @id", ("id", id)), Is.EqualTo(other));
        });
    }

    [Test]
    public async Task The_people_list_reads_names_in_pinyin_order()
    {
        var branch = await NewBranchAsync("T-PINYIN");
        // Code-point order would be 张 (U+5F20), 李 (U+674E), 王 (U+738B); pinyin order is li, wang, zhang.
        foreach (var name in new[] { "张三丰", "李四光", "王五洲" })
            await Problems.JsonAsync(await Committee.PostAsync("/api/personnel/people",
                PersonBodies.Person(branch, IdNumbers.Valid(Birth, true), "full_member", Birth, name: name)), HttpStatusCode.Created);

        var page = await Problems.JsonAsync(await Committee.GetAsync($"/api/personnel/people?organizationId={branch}&sort=name"));
        Assert.That(page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("name").GetString()),
            Is.EqualTo(new[] { "李四光", "王五洲", "张三丰" }));
    }
}
