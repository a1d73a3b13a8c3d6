using System.Net;
using System.Text.Json;
using NUnit.Framework;
using RedSail.Platform.Access;
using RedSail.Testing;

namespace RedSail.ApiTests;

/// <summary>Recruitment files (发展党员) over HTTP: opening, steps in order and on their dates, scope, concurrency, board and to-dos.</summary>
public sealed class WorkflowRecruitmentTests : DemoInstituteTests
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
    private static int _births;

    private Task<Guid> ApplicantAsync(DateOnly applied, DateOnly? birth = null) =>
        RecruitmentJourney.RecordApplicantAsync(Host, Committee, Branch, applied,
            birth ?? new DateOnly(1996, 1, 1).AddDays(Interlocked.Increment(ref _births) * 3), "申请人" + _births);

    private Task<Guid[]> MembersAsync() => RecruitmentJourney.MembersAsync(Host, Branch);

    private Task<HttpResponseMessage> PostStepAsync(Guid file, int step, object body) =>
        Committee.PostAsync($"/api/workflow/recruitment/files/{file}/steps/{step}", body);

    [Test]
    public async Task Steps_complete_in_order_on_or_after_their_earliest_date_and_the_timeline_shows_them()
    {
        var applied = Today.AddDays(-400);
        var person = await ApplicantAsync(applied);
        var file = await RecruitmentJourney.OpenAsync(Committee, person, applied);
        var members = await MembersAsync();

        var opened = await RecruitmentJourney.FileAsync(Committee, file);
        Assert.Multiple(() =>
        {
            Assert.That(opened.GetProperty("nextStep").GetInt32(), Is.EqualTo(2));
            Assert.That(opened.GetProperty("nextDueOn").GetString(), Is.EqualTo(applied.AddMonths(1).ToString("yyyy-MM-dd")), "the talk within a month");
            Assert.That(opened.GetProperty("overdue").GetBoolean(), Is.True);
            Assert.That(opened.GetProperty("steps").GetArrayLength(), Is.EqualTo(25));
            Assert.That(opened.GetProperty("steps")[0].GetProperty("state").GetString(), Is.EqualTo("done"));
            Assert.That(opened.GetProperty("steps")[1].GetProperty("state").GetString(), Is.EqualTo("next"));
        });

        // Out of order: step 3 before step 2.
        var problem = await Problems.ExpectAsync(await RecruitmentJourney.CompleteAsync(Committee, file, 3, applied.AddMonths(7), members),
            HttpStatusCode.UnprocessableEntity, "recruitment_step_order");
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("第 2 步"));

        await Problems.JsonAsync(await RecruitmentJourney.CompleteAsync(Committee, file, 2, applied.AddDays(10), members));

        // Step 3 half a year after the application at the earliest: the message names the date.
        var earliest = applied.AddMonths(6);
        problem = await Problems.ExpectAsync(await RecruitmentJourney.CompleteAsync(Committee, file, 3, earliest.AddDays(-1), members),
            HttpStatusCode.UnprocessableEntity, "recruitment_step_too_early");
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain(earliest.ToString("yyyy-MM-dd")));

        var done = await Problems.JsonAsync(await RecruitmentJourney.CompleteAsync(Committee, file, 3, earliest, members));
        Assert.That(done.GetProperty("nextStep").GetInt32(), Is.EqualTo(4));

        var after = await RecruitmentJourney.FileAsync(Committee, file);
        var step3 = after.GetProperty("steps")[2];
        Assert.Multiple(() =>
        {
            Assert.That(step3.GetProperty("completedOn").GetString(), Is.EqualTo(earliest.ToString("yyyy-MM-dd")));
            Assert.That(step3.GetProperty("actor").GetString(), Is.EqualTo("王书记"));
            Assert.That(step3.GetProperty("materialsFiled").GetArrayLength(), Is.EqualTo(2));
            Assert.That(after.GetProperty("stage").GetInt32(), Is.EqualTo(2));
            Assert.That(after.GetProperty("overdue").GetBoolean(), Is.False);
        });
        // The activist decision reached Personnel.
        Assert.That(await Eventually.HoldsAsync(async () => await Host.ScalarAsync<string>(
            "select party_status from personnel.person where id = @id", ("id", person)) == "activist"), Is.True);
    }

    [Test]
    public async Task Bad_input_is_refused_field_by_field_and_changes_nothing()
    {
        var applied = Today.AddDays(-30);
        var file = await RecruitmentJourney.OpenAsync(Committee, await ApplicantAsync(applied), applied);

        var problem = await Problems.ExpectAsync(await PostStepAsync(file, 2,
            new { version = 1, completedOn = Today.AddDays(1), actor = "", materials = Array.Empty<string>() }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Multiple(() =>
        {
            Assert.That(Problems.FieldError(problem, "completedOn"), Does.Contain("不能晚于今天"));
            Assert.That(Problems.FieldError(problem, "actor"), Does.Contain("办理人"));
        });

        problem = await Problems.ExpectAsync(await PostStepAsync(file, 2,
            new { version = 1, completedOn = Today, actor = "王书记", materials = Array.Empty<string>() }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(Problems.FieldError(problem, "materials"), Does.Contain("谈话记录"));
        Assert.That(await Host.ScalarAsync<long>("select count(*) from workflow.recruitment_step where file_id = @f", ("f", file)), Is.EqualTo(1L));

        problem = await Problems.ExpectAsync(await Committee.PostAsync("/api/workflow/recruitment/files", new { appliedOn = Today }),
            HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(Problems.FieldError(problem, "personId"), Does.Contain("人员"));
    }

    [Test]
    public async Task A_file_is_opened_once_for_an_adult_applicant()
    {
        var applied = Today.AddDays(-20);
        var person = await ApplicantAsync(applied);
        await RecruitmentJourney.OpenAsync(Committee, person, applied);
        await Problems.ExpectAsync(await Committee.PostAsync("/api/workflow/recruitment/files", new { personId = person, appliedOn = applied }),
            HttpStatusCode.UnprocessableEntity, "recruitment_file_exists");

        // Eighteen today: an application dated yesterday was a minor's.
        var young = await ApplicantAsync(Today, birth: Today.AddYears(-18));
        var problem = await Problems.ExpectAsync(await Committee.PostAsync("/api/workflow/recruitment/files",
            new { personId = young, appliedOn = Today.AddDays(-1) }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(Problems.FieldError(problem, "appliedOn"), Does.Contain("18"));
        await RecruitmentJourney.OpenAsync(Committee, young, Today);

        var member = await Host.ScalarAsync<Guid>("select id from workflow.person where organization_id = @b and party_status = 'full_member' limit 1", ("b", Branch));
        await Problems.ExpectAsync(await Committee.PostAsync("/api/workflow/recruitment/files", new { personId = member, appliedOn = Today }),
            HttpStatusCode.UnprocessableEntity, "recruitment_not_an_applicant");
    }

    [Test]
    public async Task Another_branch_s_secretary_finds_nothing_and_a_stale_version_conflicts()
    {
        var applied = Today.AddDays(-40);
        var file = await RecruitmentJourney.OpenAsync(Committee, await ApplicantAsync(applied), applied);
        using var other = Host.Client();
        await other.SignInAsync(await Host.CreateUserAsync(RoleCatalog.BranchSecretary, await Demo.BranchAsync(Host, "RS-02")));

        await Problems.ExpectAsync(await other.GetAsync($"/api/workflow/recruitment/files/{file}"), HttpStatusCode.NotFound, "not_found");
        await Problems.ExpectAsync(await other.PostAsync($"/api/workflow/recruitment/files/{file}/steps/2",
            RecruitmentJourney.Body(2, Today, 1, ["talk_record"], [])), HttpStatusCode.NotFound, "not_found");
        var board = await Problems.JsonAsync(await other.GetAsync("/api/workflow/recruitment/files?pageSize=200"));
        Assert.That(board.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()), Does.Not.Contain(file));

        await Problems.JsonAsync(await PostStepAsync(file, 2, RecruitmentJourney.Body(2, Today, 1, ["talk_record"], [])));
        await Problems.ExpectAsync(await PostStepAsync(file, 3, RecruitmentJourney.Body(3, Today, 1, ["recommendation", "committee_minutes"], [])),
            HttpStatusCode.Conflict, "concurrency_conflict");
    }

    [Test]
    public async Task The_board_counts_files_by_stage_and_an_overdue_talk_is_a_to_do_until_it_is_held()
    {
        var applied = Today.AddDays(-45);
        var person = await ApplicantAsync(applied);
        var file = await RecruitmentJourney.OpenAsync(Committee, person, applied);

        var board = await Problems.JsonAsync(await Committee.GetAsync($"/api/workflow/recruitment/files?organizationId={Branch}&stage=1&pageSize=200"));
        var card = board.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == file);
        Assert.Multiple(() =>
        {
            Assert.That(card.GetProperty("overdue").GetBoolean(), Is.True);
            Assert.That(card.GetProperty("nextStep").GetInt32(), Is.EqualTo(2));
            Assert.That(card.GetProperty("nextStepName").GetString(), Is.EqualTo("党组织派人谈话"));
            Assert.That(board.GetProperty("stages")[0].GetProperty("count").GetInt64(), Is.GreaterThanOrEqualTo(1));
            Assert.That(board.GetProperty("stages").GetArrayLength(), Is.EqualTo(5));
        });
        Task<long> OpenTodos(string kind) => Host.ScalarAsync<long>(
            "select count(*) from workflow.todo where subject_id = @f and kind = @k and closed_at is null", ("f", file), ("k", kind));
        Assert.That(await OpenTodos("recruitment_overdue"), Is.EqualTo(1L));

        await Problems.JsonAsync(await PostStepAsync(file, 2, RecruitmentJourney.Body(2, Today, 1, ["talk_record"], [])));
        Assert.That(await OpenTodos("recruitment_overdue"), Is.Zero, "the talk was held: the to-do closed in the same transaction");

        var closed = await Problems.JsonAsync(await Committee.PostAsync($"/api/workflow/recruitment/files/{file}/close",
            new { version = 2, closedOn = Today, reason = "本人撤回申请" }));
        Assert.That(closed.GetProperty("version").GetInt64(), Is.EqualTo(3));
        var reopened = await RecruitmentJourney.OpenAsync(Committee, person, applied);
        Assert.That(reopened, Is.Not.EqualTo(file), "a closed file does not stop a new one");
    }

    [Test]
    public async Task The_demo_gives_every_applicant_activist_and_candidate_a_file_matching_their_status()
    {
        await Demo.SeedWorkflowAsync(Host);
        Assert.Multiple(async () =>
        {
            Assert.That(await Host.ScalarAsync<long>("""
                select count(*) from workflow.person p
                where p.party_status in ('applicant', 'activist', 'candidate') and p.relation = 'active'
                  and not exists (select 1 from workflow.recruitment_file f where f.person_id = p.id)
                """), Is.Zero, "everyone on the way in has a file");
            Assert.That(await Host.ScalarAsync<long>("""
                select count(*) from workflow.recruitment_file f join workflow.person p on p.id = f.person_id
                where f.created_by is null -- the demo's, not the other tests'
                  and case p.party_status when 'applicant' then f.next_step not between 2 and 3
                                          when 'activist' then f.next_step not between 6 and 7
                                          else f.next_step not between 10 and 11 end
                """), Is.Zero, "each file has the steps its person's status implies");
            Assert.That(await Host.ScalarAsync<long>("""
                select count(*) from workflow.recruitment_file f
                where (select count(*) from workflow.recruitment_step s where s.file_id = f.id) <> f.next_step - 1
                """), Is.Zero, "steps 1 … next − 1 are on record");
            Assert.That(await Host.ScalarAsync<long>(
                "select count(*) from workflow.todo where kind = 'recruitment_overdue' and closed_at is null"), Is.GreaterThan(0L), "some talks are overdue");
        });
    }
}
