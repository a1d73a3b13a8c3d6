using System.Net;
using NUnit.Framework;
using RedSail.Platform.Access;
using RedSail.Testing;

namespace RedSail.ApiTests;

/// <summary>Members' study hours, committee members' training, quarterly exchanges and year-end nominations over HTTP.</summary>
public sealed class WorkflowStudyTests : DemoInstituteTests
{
    private static int LastYear => DateTime.Today.Year - 1;

    private Task<Guid[]> MembersAsync(string branchCode, int count) =>
        Host.ScalarAsync<Guid[]>("""
            select array(select p.id from workflow.person p join personnel.organization o on o.id = p.organization_id
                         where o.code = @code and p.party_status = 'full_member' and p.relation = 'active' order by p.id limit @count)
            """, ("code", branchCode), ("count", count))!;

    [Test]
    public async Task A_members_study_hours_are_the_sum_of_the_sessions_attended_flagged_below_the_rule_sets_minimum()
    {
        var rs05 = await Demo.BranchAsync(Host, "RS-05");
        var members = await MembersAsync("RS-05", 2);
        await Problems.JsonAsync(await Committee.PostAsync("/api/workflow/study-sessions", new
        {
            organizationId = rs05, sessionDate = $"{LastYear}-03-12", sessionTopic = "第一季度集中学习", sessionHours = 4.5m, sessionKind = "centralised",
            participantIds = members,
        }), HttpStatusCode.Created);
        await Problems.JsonAsync(await Committee.PostAsync("/api/workflow/study-sessions", new
        {
            organizationId = await Demo.RootAsync(Host), sessionDate = $"{LastYear}-05-20", sessionTopic = "党课大课", sessionHours = 3m,
            sessionKind = "big_class", participantIds = new[] { members[0] },
        }), HttpStatusCode.Created);

        var report = await Problems.JsonAsync(await Committee.GetAsync($"/api/workflow/study-hours?organizationId={rs05}&year={LastYear}&pageSize=200"));
        var hours = report.GetProperty("items").EnumerateArray().ToDictionary(m => m.GetProperty("personId").GetGuid(), m => m.GetProperty("hours").GetDecimal());
        Assert.That(hours[members[0]], Is.EqualTo(7.5m));
        Assert.That(hours[members[1]], Is.EqualTo(4.5m));
        Assert.That(hours.Where(h => !members.Contains(h.Key)).Select(h => h.Value), Is.All.EqualTo(0m));
        var branch = report.GetProperty("branches").EnumerateArray().Single(b => b.GetProperty("organizationId").GetGuid() == rs05);
        Assert.That(branch.GetProperty("totalHours").GetDecimal(), Is.EqualTo(await Host.ScalarAsync<decimal>("""
            select sum(s.hours) from workflow.study_session s join workflow.study_participant sp on sp.session_id = s.id
            join workflow.person p on p.id = sp.person_id where p.organization_id = @branch and extract(year from s.held_on) = @year
            """, ("branch", rs05), ("year", LastYear))), "the report adds up the sessions recorded");
        Assert.That(report.GetProperty("minimumHours").GetDecimal(), Is.EqualTo(32m), "local practice, from the rule set");
        Assert.That(branch.GetProperty("belowMinimum").GetInt32(), Is.EqualTo(branch.GetProperty("members").GetInt32()));

        // A local rule of 6 hours from that year: the member with 7.5 hours is no longer flagged.
        await Problems.JsonAsync(await Committee.PostAsync("/api/workflow/rule-sets", new
        {
            title = "学时要求调整", source = "党委会议纪要", effectiveFrom = $"{LastYear}-01-01", rules = new { study = new { yearlyMinimumHours = 6 } },
        }), HttpStatusCode.Created);
        var below = await Problems.JsonAsync(await Committee.GetAsync($"/api/workflow/study-hours?organizationId={rs05}&year={LastYear}&belowOnly=true&pageSize=200"));
        var flagged = below.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("personId").GetGuid()).ToList();
        Assert.That(flagged, Does.Not.Contain(members[0]).And.Contain(members[1]));
        Assert.That(below.GetProperty("total").GetInt64(), Is.EqualTo(branch.GetProperty("members").GetInt32() - 1));
    }

    [Test]
    public async Task A_session_with_bad_hours_or_someone_elses_member_is_refused_and_not_stored()
    {
        var rs06 = await Demo.BranchAsync(Host, "RS-06");
        var stranger = (await MembersAsync("RS-07", 1))[0];
        var bad = await Problems.ExpectAsync(await Committee.PostAsync("/api/workflow/study-sessions", new
        {
            organizationId = rs06, sessionDate = $"{LastYear}-04-01", sessionTopic = "学习", sessionHours = 0.25m, sessionKind = "lecture",
            participantIds = Array.Empty<Guid>(),
        }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(Problems.FieldError(bad, "sessionHours"), Does.Contain("学时"));
        Assert.That(Problems.FieldError(bad, "sessionKind"), Does.Contain("学习形式"));
        Assert.That(Problems.FieldError(bad, "participantIds"), Does.Contain("参加人员"));

        var foreign = await Problems.ExpectAsync(await Committee.PostAsync("/api/workflow/study-sessions", new
        {
            organizationId = rs06, sessionDate = $"{LastYear}-04-01", sessionTopic = "学习", sessionHours = 2m, sessionKind = "small_class",
            participantIds = new[] { stranger },
        }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(Problems.FieldError(foreign, "participantIds[0]"), Does.Contain("名册"));
        Assert.That(await Host.ScalarAsync<long>("select count(*) from workflow.study_session where organization_id = @b", ("b", rs06)), Is.Zero);
    }

    [Test]
    public async Task Training_exchanges_and_nominations_are_recorded_and_only_the_committee_decides_a_nomination()
    {
        var rs08 = await Demo.BranchAsync(Host, "RS-08");
        var root = await Demo.RootAsync(Host);
        var seat = await Host.ScalarAsync<Guid>("select person_id from workflow.committee_seat where organization_id = @b limit 1", ("b", rs08));
        await Problems.JsonAsync(await Committee.PostAsync("/api/workflow/trainings", new
        {
            personId = seat, title = "支部书记轮训", organizer = "机关党委", trainingDate = $"{LastYear}-04-18", trainingHours = 16m, trainingKind = "centralised",
        }), HttpStatusCode.Created);
        var trainings = await Problems.JsonAsync(await Committee.GetAsync($"/api/workflow/trainings?organizationId={rs08}&year={LastYear}"));
        Assert.That(trainings.GetProperty("items")[0].GetProperty("post").GetString(), Is.Not.Null, "a committee member's post is shown");
        Assert.That(trainings.GetProperty("totalHours").GetDecimal(), Is.EqualTo(16m));

        await Problems.ExpectAsync(await Committee.PostAsync("/api/workflow/exchange-meetings", new
        {
            organizationId = rs08, exchangeDate = $"{LastYear}-03-20", exchangeTopic = "交流", exchangeBranchIds = new[] { rs08 },
        }), HttpStatusCode.UnprocessableEntity, "exchange_needs_committee");
        var exchange = await Problems.JsonAsync(await Committee.PostAsync("/api/workflow/exchange-meetings", new
        {
            organizationId = root, exchangeDate = $"{LastYear}-08-20", exchangeTopic = "第三季度交流", exchangeBranchIds = new[] { rs08, Branch },
        }), HttpStatusCode.Created);
        Assert.That(exchange.GetProperty("quarter").GetInt32(), Is.EqualTo(3));

        using var secretary = Host.Client();
        await secretary.SignInAsync(await Host.CreateUserAsync(RoleCatalog.BranchSecretary, rs08));
        var stranger = (await MembersAsync("RS-09", 1))[0];
        var notOurs = await Problems.ExpectAsync(await secretary.PostAsync("/api/workflow/nominations", new
        {
            organizationId = rs08, year = LastYear, nominationKind = "member", personId = stranger, nominationReason = "表现突出",
        }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(Problems.FieldError(notOurs, "personId"), Does.Contain("名册"));
        var nomination = (await Problems.JsonAsync(await secretary.PostAsync("/api/workflow/nominations", new
        {
            organizationId = rs08, year = LastYear, nominationKind = "branch", nominationReason = "组织生活规范",
        }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await Problems.ExpectAsync(await secretary.PostAsync("/api/workflow/nominations", new
        {
            organizationId = rs08, year = LastYear, nominationKind = "branch", nominationReason = "再次推荐",
        }), HttpStatusCode.UnprocessableEntity, "nomination_exists");

        Assert.That((await secretary.PostAsync($"/api/workflow/nominations/{nomination}/result", new { nominationResult = "selected", version = 1 }))
            .StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the branch does not judge itself");
        await Problems.JsonAsync(await Committee.PostAsync($"/api/workflow/nominations/{nomination}/result",
            new { nominationResult = "selected", resultNote = "第一名", version = 1 }));
        var listed = await Problems.JsonAsync(await secretary.GetAsync($"/api/workflow/nominations?year={LastYear}"));
        Assert.That(listed.GetProperty("items")[0].GetProperty("nominationResult").GetString(), Is.EqualTo("selected"));
    }
}
