using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NUnit.Framework;
using RedSail.Platform.Access;
using RedSail.Testing;

namespace RedSail.ApiTests;

/// <summary>
/// Evaluation rounds: 民主评议党员 by a branch's members (anonymous ballots, one each, tallied at closing), 年终述职测评 of the
/// branches (reports, score sheets, grades), and the demo's rounds.
/// </summary>
public sealed class WorkflowEvaluationsTests : DemoInstituteTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.Today);

    private async Task<Guid> OpenAsync(object body)
    {
        var opened = await Problems.JsonAsync(await Committee.PostAsync("/api/workflow/evaluations/rounds", body), HttpStatusCode.Created);
        return opened.GetProperty("id").GetGuid();
    }

    private Task<Guid> OpenReviewAsync(Guid branch, int year) => OpenAsync(new
    {
        organizationId = branch, roundKind = "democratic_review", year, votingStartsOn = Today, votingEndsOn = Today.AddDays(7),
    });

    /// <summary>The employee numbers of a branch's people of a party status, in order.</summary>
    private async Task<string[]> EmployeeNumbersAsync(Guid organization, string partyStatus) =>
        (await Host.ScalarAsync<string>("""
            select string_agg(employee_number, ',' order by employee_number) from workflow.person
            where organization_id = @organization and party_status = @status and relation = 'active' and employee_number is not null
            """, ("organization", organization), ("status", partyStatus)) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);

    private async Task<ApiClient> MemberAsync(string? employeeNumber)
    {
        var member = Host.Client();
        await member.SignInAsync(await Host.CreateUserAsync(RoleCatalog.Member, await Demo.RootAsync(Host), employeeNumber));
        return member;
    }

    private static async Task<JsonElement> MyBallotAsync(ApiClient member, Guid round) =>
        (await Problems.JsonAsync(await member.GetAsync("/api/workflow/evaluations/my-ballots"))).GetProperty("items").EnumerateArray()
        .Single(b => b.GetProperty("roundId").GetGuid() == round);

    private static Task<HttpResponseMessage> VoteAsync(ApiClient member, Guid round, IEnumerable<object> marks) =>
        member.PostAsync($"/api/workflow/evaluations/rounds/{round}/ballot", new { marks });

    /// <summary>Everyone 合格, except the given grades for the given subjects.</summary>
    private static IEnumerable<object> Grades(JsonElement ballot, IReadOnlyDictionary<string, string> special) =>
        ballot.GetProperty("subjects").EnumerateArray().Select(s => (object)new
        {
            subjectId = s.GetProperty("id").GetGuid(), grade = special.GetValueOrDefault(s.GetProperty("name").GetString()!, "qualified"),
        });

    [Test]
    public async Task A_democratic_review_counts_the_ballots_of_a_majority_into_grades_shown_only_after_closing()
    {
        var branch = await Demo.BranchAsync(Host, "RS-02");
        var voters = await EmployeeNumbersAsync(branch, "full_member");
        var round = await OpenReviewAsync(branch, Today.Year);
        var hidden = await Problems.ExpectAsync(await Committee.GetAsync($"/api/workflow/evaluations/rounds/{round}/results"),
            HttpStatusCode.UnprocessableEntity, "evaluation_results_hidden");

        // More than half of the voters vote: all say 不合格 for the first member and 优秀 for the second.
        var voting = voters.Take(voters.Length / 2 + 1).ToList();
        string? poor = null, excellent = null;
        foreach (var number in voting)
        {
            using var member = await MemberAsync(number);
            var ballot = await MyBallotAsync(member, round);
            var names = ballot.GetProperty("subjects").EnumerateArray().Select(s => s.GetProperty("name").GetString()!).ToList();
            (poor, excellent) = (names[0], names[1]);
            await Problems.JsonAsync(await VoteAsync(member, round,
                Grades(ballot, new Dictionary<string, string> { [poor] = "unqualified", [excellent] = "excellent" })));
            var after = await MyBallotAsync(member, round);
            Assert.That(after.GetProperty("voted").GetBoolean() && after.GetProperty("subjects").GetArrayLength() == 0, "voted, nothing to show");
        }
        var listed = (await Problems.JsonAsync(await Committee.GetAsync($"/api/workflow/evaluations/rounds?organizationId={branch}")))
            .GetProperty("items")[0];
        var closed = await Problems.JsonAsync(await Committee.PostAsync($"/api/workflow/evaluations/rounds/{round}/close"));
        var results = await Problems.JsonAsync(await Committee.GetAsync($"/api/workflow/evaluations/rounds/{round}/results"));
        var byName = results.GetProperty("subjects").GetProperty("items").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
        var yearly = await Problems.JsonAsync(await Committee.GetAsync(
            $"/api/workflow/evaluations/democratic-reviews?organizationId={await Demo.RootAsync(Host)}&year={Today.Year}&grade=unqualified"));

        Assert.Multiple(() =>
        {
            Assert.That(hidden.GetProperty("detail").GetString(), Does.Contain("投票结束后"));
            Assert.That(listed.GetProperty("votedCount").GetInt32(), Is.EqualTo(voting.Count), "turnout is visible while open");
            Assert.That(closed.GetProperty("valid").GetBoolean(), Is.True);
            Assert.That(results.GetProperty("eligibleCount").GetInt32(), Is.EqualTo(voters.Length));
            Assert.That(results.GetProperty("ballotCount").GetInt32(), Is.EqualTo(voting.Count));
            Assert.That(byName[poor!].GetProperty("grade").GetString(), Is.EqualTo("unqualified"));
            Assert.That(byName[poor!].GetProperty("counts").GetProperty("unqualified").GetInt32(), Is.EqualTo(voting.Count));
            Assert.That(byName[excellent!].GetProperty("grade").GetString(), Is.EqualTo("excellent"));
            Assert.That(byName.Values.Count(s => s.GetProperty("grade").GetString() == "qualified"), Is.EqualTo(byName.Count - 2));
            Assert.That(results.GetProperty("grades").GetProperty("excellent").GetInt32(), Is.EqualTo(1));
            Assert.That(yearly.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()), Is.EquivalentTo(new[] { poor }));
        });
    }

    [Test]
    public async Task A_voter_votes_once_even_when_two_ballots_arrive_at_the_same_time()
    {
        var branch = await Demo.BranchAsync(Host, "RS-03");
        var round = await OpenReviewAsync(branch, Today.Year);
        using var member = await MemberAsync((await EmployeeNumbersAsync(branch, "full_member"))[0]);
        var marks = Grades(await MyBallotAsync(member, round), new Dictionary<string, string>()).ToList();

        var answers = await Task.WhenAll(VoteAsync(member, round, marks), VoteAsync(member, round, marks));
        var again = await VoteAsync(member, round, marks);

        Assert.Multiple(async () =>
        {
            Assert.That(answers.Select(a => a.StatusCode), Is.EquivalentTo(new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
            await Problems.ExpectAsync(again, HttpStatusCode.Conflict, "already_voted");
            Assert.That(await Host.ScalarAsync<long>("select count(*) from workflow.ballot where round_id = @round", ("round", round)), Is.EqualTo(1));
            Assert.That(await Host.ScalarAsync<long>("select count(*) from workflow.ballot_voter where round_id = @round", ("round", round)), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Probationary_members_outsiders_and_unlinked_accounts_cannot_vote_and_bad_ballots_change_nothing()
    {
        var branch = await Demo.BranchAsync(Host, "RS-04");
        var round = await OpenReviewAsync(branch, Today.Year);
        using var voter = await MemberAsync((await EmployeeNumbersAsync(branch, "full_member"))[0]);
        var marks = Grades(await MyBallotAsync(voter, round), new Dictionary<string, string>()).ToList();
        var probationary = await Host.ScalarAsync<string>(
            "select employee_number from workflow.person where party_status = 'probationary' and employee_number is not null limit 1");
        using var novice = await MemberAsync(probationary);
        using var outsider = await MemberAsync((await EmployeeNumbersAsync(await Demo.BranchAsync(Host, "RS-05"), "full_member"))[0]);
        using var unlinked = await MemberAsync(null);

        var incomplete = await Problems.ExpectAsync(await VoteAsync(voter, round, marks.Skip(1)), HttpStatusCode.BadRequest, "validation_failed");
        var badGrade = await Problems.ExpectAsync(await voter.PostAsync($"/api/workflow/evaluations/rounds/{round}/ballot",
            new { marks = marks.Select((m, i) => i == 0 ? new { subjectId = ((dynamic)m).subjectId, grade = "great" } : m) }),
            HttpStatusCode.BadRequest, "validation_failed");

        Assert.Multiple(async () =>
        {
            Assert.That(Problems.FieldError(incomplete, "marks"), Does.Contain("未评分"));
            Assert.That(badGrade.GetProperty("errors").GetRawText(), Does.Contain("请选择等次"));
            await Problems.ExpectAsync(await VoteAsync(novice, round, marks), HttpStatusCode.UnprocessableEntity, "evaluation_not_eligible");
            await Problems.ExpectAsync(await VoteAsync(outsider, round, marks), HttpStatusCode.UnprocessableEntity, "evaluation_not_eligible");
            await Problems.ExpectAsync(await VoteAsync(unlinked, round, marks), HttpStatusCode.UnprocessableEntity, "evaluation_no_person");
            Assert.That((await MyBallotAsync(voter, round)).GetProperty("voted").GetBoolean(), Is.False, "bad ballots leave no trace");
            Assert.That((await Problems.JsonAsync(await outsider.GetAsync("/api/workflow/evaluations/my-ballots"))).GetProperty("items").EnumerateArray()
                .Any(b => b.GetProperty("roundId").GetGuid() == round), Is.False);
            Assert.That((await voter.GetAsync($"/api/workflow/evaluations/rounds/{round}/results")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden),
                "members do not read results");
            Assert.That(await Host.ScalarAsync<long>("select count(*) from workflow.ballot where round_id = @round", ("round", round)), Is.Zero);
        });
    }

    [Test]
    public async Task Nothing_stored_ties_a_ballot_to_its_voter()
    {
        var branch = await Demo.BranchAsync(Host, "RS-06");
        var round = await OpenReviewAsync(branch, Today.Year);
        var voters = await EmployeeNumbersAsync(branch, "full_member");
        foreach (var number in voters.Take(3))
        {
            using var member = await MemberAsync(number);
            await Problems.JsonAsync(await VoteAsync(member, round, Grades(await MyBallotAsync(member, round), new Dictionary<string, string>())));
        }
        // While open, the voter's row and the ballot were written by one transaction (same xmin): closing rewrites the ballots.
        var sharedBefore = await SharedTransactionsAsync(round);
        await Problems.JsonAsync(await Committee.PostAsync($"/api/workflow/evaluations/rounds/{round}/close"));

        Assert.Multiple(async () =>
        {
            Assert.That(await Host.ScalarAsync<string>("""
                select string_agg(column_name, ',' order by column_name) from information_schema.columns
                where table_schema = 'workflow' and table_name = 'ballot'
                """), Is.EqualTo("id,marks,round_id"), "a ballot holds its round and marks, no person, no time");
            Assert.That(await Host.ScalarAsync<long>("""
                select count(*) from information_schema.columns
                where table_schema = 'workflow' and table_name = 'ballot' and data_type like 'timestamp%'
                """), Is.Zero);
            Assert.That(sharedBefore, Is.EqualTo(3), "the test would see a link if there were one");
            Assert.That(await SharedTransactionsAsync(round), Is.Zero, "after closing no ballot shares a transaction with a voter row");
            Assert.That(await Host.ScalarAsync<long>("select count(*) from workflow.ballot where round_id = @round", ("round", round)), Is.EqualTo(3));
        });
    }

    private Task<long> SharedTransactionsAsync(Guid round) => Host.ScalarAsync<long>("""
        select count(*) from workflow.ballot b join workflow.ballot_voter v on v.round_id = b.round_id and v.xmin = b.xmin
        where b.round_id = @round
        """, ("round", round));

    [Test]
    public async Task Branches_report_and_are_scored_on_the_rounds_sheet_into_grades()
    {
        var root = await Demo.RootAsync(Host);
        var year = Today.Year - 2;
        var round = await OpenAsync(new
        {
            organizationId = root, roundKind = "annual_review", year, votingStartsOn = Today, votingEndsOn = Today.AddDays(10),
            electorate = "committee",
            config = new
            {
                minTurnout = 0.1, goodFrom = 90, fairlyGoodFrom = 80, averageFrom = 60,
                items = new[] { new { key = "party", name = "党建工作", maxPoints = 60 }, new { key = "work", name = "中心工作", maxPoints = 40 } },
            },
        });
        var reporting = await Demo.BranchAsync(Host, "RS-07");
        using var secretary = Host.Client();
        await secretary.SignInAsync(await Host.CreateUserAsync(RoleCatalog.BranchSecretary, reporting));
        var dueBefore = await ReportDueAsync(round, reporting);
        var notAFile = await Problems.ExpectAsync(await ReportAsync(secretary, round, reporting, "报告", [0x01, 0x02, 0x03], "report.exe"),
            HttpStatusCode.BadRequest, "validation_failed");
        var submitted = await Problems.JsonAsync(await ReportAsync(secretary, round, reporting, "本支部全年工作述职。", "%PDF-1.4 test"u8.ToArray(), "述职.pdf"));
        var reports = await Problems.JsonAsync(await secretary.GetAsync($"/api/workflow/evaluations/rounds/{round}/reports"));
        var file = await secretary.GetAsync($"/api/workflow/evaluations/attachments/{submitted.GetProperty("attachmentId").GetGuid()}");

        // Three evaluators of the committee: every branch 54 + 37 = 91 (好), RS-07 48 + 34 = 82 (较好), then the average.
        var evaluators = (await Host.ScalarAsync<string>("""
            select string_agg(p.employee_number, ',') from workflow.evaluation_voter v join workflow.person p on p.id = v.person_id
            where v.round_id = @round and p.employee_number is not null
            """, ("round", round)))!.Split(',').Take(3).ToList();
        var reportingName = await Host.ScalarAsync<string>("select name from workflow.organization where id = @id", ("id", reporting));
        foreach (var number in evaluators)
        {
            using var evaluator = await MemberAsync(number);
            var ballot = await MyBallotAsync(evaluator, round);
            await Problems.JsonAsync(await VoteAsync(evaluator, round, ballot.GetProperty("subjects").EnumerateArray().Select(s => (object)new
            {
                subjectId = s.GetProperty("id").GetGuid(),
                scores = s.GetProperty("name").GetString() == reportingName
                    ? new Dictionary<string, decimal> { ["party"] = 48, ["work"] = 34 }
                    : new Dictionary<string, decimal> { ["party"] = 54, ["work"] = 37 },
            })));
        }
        await Problems.JsonAsync(await Committee.PostAsync($"/api/workflow/evaluations/rounds/{round}/close"));
        var results = await Problems.JsonAsync(await Committee.GetAsync($"/api/workflow/evaluations/rounds/{round}/results?pageSize=100"));
        var byName = results.GetProperty("subjects").GetProperty("items").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);

        Assert.Multiple(async () =>
        {
            Assert.That(Problems.FieldError(notAFile, "file"), Does.Contain("PDF"));
            Assert.That(dueBefore, Is.True, "the branch had the report to do");
            Assert.That(await ReportDueAsync(round, reporting), Is.False, "submitting closed it");
            Assert.That(reports.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("organizationId").GetGuid()), Is.EqualTo(new[] { reporting }),
                "a secretary sees their own branch's report only");
            Assert.That(file.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/pdf"));
            Assert.That(byName[reportingName!].GetProperty("score").GetDecimal(), Is.EqualTo(82m));
            Assert.That(byName[reportingName!].GetProperty("grade").GetString(), Is.EqualTo("fairly_good"));
            Assert.That(byName[reportingName!].GetProperty("counts").GetProperty("party").GetDecimal(), Is.EqualTo(48m));
            Assert.That(byName.Values.Count(s => s.GetProperty("grade").GetString() == "good"), Is.EqualTo(byName.Count - 1));
            Assert.That(results.GetProperty("valid").GetBoolean(), Is.True);
        });
    }

    private Task<bool> ReportDueAsync(Guid round, Guid branch) => Host.ScalarAsync<bool>("""
        select exists (select 1 from workflow.todo where kind = 'evaluation_report_due' and closed_at is null
                       and subject_id = @round and organization_id = @branch)
        """, ("round", round), ("branch", branch));

    private static Task<HttpResponseMessage> ReportAsync(ApiClient client, Guid round, Guid branch, string text, byte[] content, string fileName)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(branch.ToString()), "organizationId" }, { new StringContent(text), "reportText" },
            { new ByteArrayContent(content), "file", fileName },
        };
        return client.Http.PostAsync($"/api/workflow/evaluations/rounds/{round}/reports", form);
    }

    [Test]
    public async Task A_persons_employee_number_reaches_workflow_when_recorded_and_when_changed()
    {
        var birth = new DateOnly(1990, 3, 3);
        var body = JsonSerializer.SerializeToNode(PersonBodies.Person(Branch, IdNumbers.Valid(birth, true), "full_member", birth, name: "周子衡"),
            ApiClient.Json)!;
        body["basics"]!["employeeNumber"] = "W0001";
        var created = await Problems.JsonAsync(await Committee.PostAsync("/api/personnel/people", body), HttpStatusCode.Created);
        var person = created.GetProperty("id").GetGuid();
        var recorded = await WorkflowEmployeeNumberAsync(person, "W0001");
        body["basics"]!["employeeNumber"] = "W0002";
        await Problems.JsonAsync(await Committee.Http.PutAsJsonAsync($"/api/personnel/people/{person}",
            new { version = created.GetProperty("version").GetInt64(), basics = body["basics"] }, ApiClient.Json));

        Assert.Multiple(async () =>
        {
            Assert.That(recorded, Is.EqualTo("W0001"));
            Assert.That(await WorkflowEmployeeNumberAsync(person, "W0002"), Is.EqualTo("W0002"));
        });
    }

    /// <summary>Workflow's copy of the person's employee number, once it is <paramref name="expected"/> (events arrive through the outbox) or after 10 s.</summary>
    private async Task<string?> WorkflowEmployeeNumberAsync(Guid person, string expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        string? found;
        while ((found = await Host.ScalarAsync<string>("select employee_number from workflow.person where id = @id", ("id", person))) != expected
               && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        return found;
    }

    [Test]
    public async Task The_demo_has_last_years_reviews_closed_and_this_years_reports_under_way()
    {
        await Demo.SeedWorkflowAsync(Host);
        var root = await Demo.RootAsync(Host);
        var lastYear = await Problems.JsonAsync(await Committee.GetAsync($"/api/workflow/evaluations/rounds?kind=democratic_review&year={Today.Year - 1}"));
        var annual = (await Problems.JsonAsync(await Committee.GetAsync($"/api/workflow/evaluations/rounds?kind=annual_review&year={Today.Year}")))
            .GetProperty("items")[0];
        var results = await Problems.JsonAsync(await Committee.GetAsync(
            $"/api/workflow/evaluations/democratic-reviews?organizationId={root}&year={Today.Year - 1}&pageSize=200"));

        Assert.Multiple(async () =>
        {
            Assert.That(lastYear.GetProperty("total").GetInt64(), Is.EqualTo(4));
            Assert.That(lastYear.GetProperty("items").EnumerateArray().All(r => r.GetProperty("status").GetString() == "closed"
                && r.GetProperty("valid").GetBoolean()), Is.True);
            Assert.That(results.GetProperty("total").GetInt64(), Is.GreaterThan(10));
            Assert.That(results.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("grade").GetString()).Distinct(),
                Is.SupersetOf(new[] { "qualified", "excellent" }));
            Assert.That(annual.GetProperty("status").GetString(), Is.EqualTo("open"));
            Assert.That(annual.GetProperty("reportsSubmitted").GetInt32(), Is.EqualTo(4));
            Assert.That(annual.GetProperty("votedCount").GetInt32(), Is.InRange(1, annual.GetProperty("eligibleCount").GetInt32() - 1));
            Assert.That(await Host.ScalarAsync<long>(
                    "select count(*) from workflow.todo where kind = 'evaluation_report_due' and closed_at is null and subject_id = @round",
                    ("round", annual.GetProperty("id").GetGuid())),
                Is.EqualTo(annual.GetProperty("subjectCount").GetInt32() - 4), "the branches without a report (the returned one included) have it to do");
        });
    }
}
