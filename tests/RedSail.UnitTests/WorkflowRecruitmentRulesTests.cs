using NUnit.Framework;
using RedSail.BuildingBlocks.Validation;
using RedSail.Modules.Workflow.Domain;

namespace RedSail.UnitTests;

/// <summary>The deadlines and checks of the 25 steps of 发展党员 with the 2014 细则's own numbers.</summary>
public sealed class WorkflowRecruitmentRulesTests
{
    private static readonly WorkflowRules Rules = WorkflowRules.Regulation2014;
    private static RecruitmentRules Recruitment => Rules.Recruitment;

    private static Dictionary<int, DateOnly> Done(params (int Step, string On)[] steps) =>
        steps.ToDictionary(s => s.Step, s => DateOnly.Parse(s.On));

    /// <summary>The steps 1 … n done on consecutive days from <paramref name="start"/>, with some dates fixed.</summary>
    private static Dictionary<int, DateOnly> Through(int last, string start, params (int Step, string On)[] fixedDates)
    {
        var done = Enumerable.Range(1, last).ToDictionary(s => s, s => DateOnly.Parse(start).AddDays(s - 1));
        foreach (var (step, on) in fixedDates) done[step] = DateOnly.Parse(on);
        return done;
    }

    private static string? Refusal(int step, string on, Dictionary<int, DateOnly> done, int extended = 0) =>
        RecruitmentSchedule.Refusal(step, done.Keys.Max() + 1, DateOnly.Parse(on), done, extended, Recruitment)?.MessageKey;

    private static IEnumerable<string> Errors(int step, StepDetails details, int alreadyExtended = 0, string on = "2026-06-30", string? previous = null)
    {
        var errors = new ValidationErrors();
        var s = RecruitmentSteps.Get(step);
        RecruitmentDetailsRules.Check(s, details, s.Materials, DateOnly.Parse(on), previous is null ? null : DateOnly.Parse(previous), alreadyExtended,
            Rules, m => m, errors);
        return errors.All.Select(e => $"{e.Field}:{e.MessageKey}");
    }

    [Test]
    public void There_are_twenty_five_steps_in_five_stages_in_order()
    {
        Assert.That(RecruitmentSteps.All.Select(s => s.Number), Is.EqualTo(Enumerable.Range(1, 25)));
        Assert.That(RecruitmentSteps.All.Select(s => s.Stage), Is.Ordered);
        Assert.That(RecruitmentSteps.All.GroupBy(s => s.Stage).Select(g => g.First().Number), Is.EqualTo(new[] { 1, 3, 7, 13, 21 }));
    }

    [TestCase("2026-01-15", "2026-02-15")]
    [TestCase("2026-01-31", "2026-02-28")] // a month after the 31st ends with the shorter month
    [TestCase("2024-01-31", "2024-02-29")]
    public void The_talk_is_due_one_month_after_the_application(string applied, string due)
    {
        var window = RecruitmentSchedule.Window(RecruitmentSteps.Talk, Done((1, applied)), 0, Recruitment);
        Assert.That(window.Due, Is.EqualTo(DateOnly.Parse(due)));
        Assert.Multiple(() =>
        {
            Assert.That(RecruitmentSchedule.IsOverdue(window, DateOnly.Parse(due)), Is.False, "on the due date it is not yet late");
            Assert.That(RecruitmentSchedule.IsOverdue(window, DateOnly.Parse(due).AddDays(1)), Is.True, "the day after it is");
            Assert.That(Refusal(2, due, Done((1, applied))), Is.Null, "a talk is recorded on its due date");
            Assert.That(Refusal(2, DateOnly.Parse(due).AddDays(10).ToString("O"), Done((1, applied))), Is.Null, "and late (overdue, not refused)");
        });
    }

    [Test]
    public void Activists_are_chosen_six_months_after_applying_at_the_earliest()
    {
        var done = Done((1, "2025-03-10"), (2, "2025-03-20"));
        Assert.That(Refusal(3, "2025-09-09", done), Is.EqualTo("workflow.recruitment.step_too_early"));
        Assert.That(Refusal(3, "2025-09-10", done), Is.Null);
    }

    [Test]
    public void A_candidate_needs_a_full_year_as_an_activist()
    {
        var done = Through(6, "2024-05-01", (3, "2024-06-15"));
        Assert.That(RecruitmentSchedule.Window(RecruitmentSteps.Candidate, done, 0, Recruitment).Earliest, Is.EqualTo(new DateOnly(2025, 6, 15)));
        Assert.That(Refusal(7, "2025-06-14", done), Is.EqualTo("workflow.recruitment.step_too_early"), "the day before the year is up");
        Assert.That(Refusal(7, "2025-06-15", done), Is.Null, "on the day it is");
    }

    [Test]
    public void The_refusal_for_an_early_step_names_the_earliest_date()
    {
        var refusal = RecruitmentSchedule.Refusal(7, 7, new DateOnly(2025, 6, 14), Through(6, "2024-05-01", (3, "2024-06-15")), 0, Recruitment)!;
        Assert.That(refusal.Args, Does.Contain("2025-06-15"));
        Assert.That(refusal.Status, Is.EqualTo(422));
    }

    [Test]
    public void Steps_complete_strictly_in_order_and_never_before_the_previous_one()
    {
        var done = Done((1, "2025-03-10"));
        Assert.Multiple(() =>
        {
            Assert.That(RecruitmentSchedule.Refusal(3, 2, new DateOnly(2025, 12, 1), done, 0, Recruitment)?.MessageKey,
                Is.EqualTo("workflow.recruitment.step_order"));
            Assert.That(RecruitmentSchedule.Refusal(1, 2, new DateOnly(2025, 12, 1), done, 0, Recruitment)?.MessageKey,
                Is.EqualTo("workflow.recruitment.step_order"), "nor again");
            Assert.That(Refusal(2, "2025-03-09", done), Is.EqualTo("workflow.recruitment.step_before_previous"));
            Assert.That(RecruitmentSchedule.Refusal(26, 26, new DateOnly(2025, 12, 1), done, 0, Recruitment)?.MessageKey,
                Is.EqualTo("workflow.recruitment.file_done"));
        });
    }

    [TestCase(23, 0, false)]
    [TestCase(24, 0, true)]
    [TestCase(0, 2, false)]
    [TestCase(0, 3, true)]
    [TestCase(16, 2, false)] // neither is enough alone, nor added up
    public void Training_takes_24_class_hours_or_3_days(int hours, int days, bool enough) =>
        Assert.That(Errors(11, new StepDetails { TrainingHours = hours == 0 ? null : hours, TrainingDays = days == 0 ? null : days }),
            enough ? Is.Empty : Is.EqualTo(new[] { "trainingHours:workflow.recruitment.training_too_short" }));

    [TestCase(5, false)]
    [TestCase(6, true)]
    [TestCase(12, true)]
    [TestCase(13, false)]
    public void A_probation_is_extended_by_half_a_year_to_a_year(int months, bool allowed) =>
        Assert.That(Errors(23, new StepDetails { Outcome = ConversionOutcomes.Extend, ExtensionMonths = months }),
            allowed ? Is.Empty : Is.EqualTo(new[] { "extensionMonths:validation.between" }));

    [Test]
    public void A_probation_is_extended_only_once()
    {
        Assert.That(Errors(23, new StepDetails { Outcome = ConversionOutcomes.Extend, ExtensionMonths = 6 }, alreadyExtended: 6),
            Is.EqualTo(new[] { "outcome:workflow.recruitment.extended_once" }));
        Assert.That(Errors(23, new StepDetails { Outcome = ConversionOutcomes.OnTime }, alreadyExtended: 6), Is.Empty, "conversion after it is fine");
    }

    [Test]
    public void Approval_is_due_three_months_after_the_vote_and_never_later_than_six()
    {
        var done = Through(16, "2025-01-01", (15, "2025-01-15"), (16, "2025-02-01"));
        var window = RecruitmentSchedule.Window(RecruitmentSteps.Approval, done, 0, Recruitment);
        Assert.Multiple(() =>
        {
            Assert.That(window.Due, Is.EqualTo(new DateOnly(2025, 4, 15)));
            Assert.That(window.Latest, Is.EqualTo(new DateOnly(2025, 7, 15)));
            Assert.That(Refusal(17, "2025-04-15", done), Is.Null, "within three months");
            Assert.That(Refusal(17, "2025-07-15", done), Is.Null, "late, but within the extended six months");
            Assert.That(Refusal(17, "2025-07-16", done), Is.EqualTo("workflow.recruitment.step_too_late"), "never beyond six");
        });
    }

    [Test]
    public void Probation_runs_a_year_from_the_vote_and_conversion_waits_for_its_end()
    {
        var done = Through(21, "2025-01-01", (15, "2025-01-15"), (16, "2025-02-01"), (17, "2025-03-01"), (18, "2025-03-02"), (19, "2025-03-03"),
            (20, "2025-03-04"), (21, "2025-12-01"));
        Assert.That(RecruitmentSchedule.Window(RecruitmentSteps.Probation, done.Where(d => d.Key < 21).ToDictionary(), 0, Recruitment).Due,
            Is.EqualTo(new DateOnly(2026, 1, 15)));
        Assert.That(Refusal(22, "2026-01-14", done), Is.EqualTo("workflow.recruitment.step_too_early"));
        Assert.That(Refusal(22, "2026-01-15", done), Is.Null);
    }

    [Test]
    public void An_extended_probation_is_approved_at_its_end_within_three_months()
    {
        var done = Through(23, "2025-01-01", (15, "2025-01-15"), (16, "2025-02-01"), (17, "2025-03-01"), (18, "2025-03-02"), (19, "2025-03-03"),
            (20, "2025-03-04"), (21, "2025-12-01"), (22, "2026-01-15"), (23, "2026-01-20"));
        var window = RecruitmentSchedule.Window(RecruitmentSteps.ConversionApproval, done, 6, Recruitment);
        Assert.That(window, Is.EqualTo(new StepWindow(new DateOnly(2026, 7, 15), new DateOnly(2026, 10, 15), null)));
        var onTime = RecruitmentSchedule.Window(RecruitmentSteps.ConversionApproval, done, 0, Recruitment);
        Assert.That(onTime.Due, Is.EqualTo(new DateOnly(2026, 4, 20)), "three months from the meeting");
    }

    [Test]
    public void Admission_needs_a_quorum_and_more_than_half_of_the_voting_members_in_favour()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Errors(15, new StepDetails { VotingMembers = 20, Present = 11, InFavour = 11 }), Is.Empty);
            Assert.That(Errors(15, new StepDetails { VotingMembers = 20, Present = 10, InFavour = 10 }),
                Is.EqualTo(new[] { "present:workflow.recruitment.no_quorum" }), "exactly half is no quorum");
            Assert.That(Errors(15, new StepDetails { VotingMembers = 20, Present = 18, InFavour = 10 }),
                Is.EqualTo(new[] { "inFavour:workflow.recruitment.vote_failed" }), "half of those due is not enough, even if most present agree");
            Assert.That(Errors(15, new StepDetails { VotingMembers = 20, Present = 12, InFavour = 13 }),
                Is.EqualTo(new[] { "inFavour:validation.between" }));
        });
    }

    [TestCase("2026-06-01", "2026-06-05", true)]  // Monday to Friday
    [TestCase("2026-06-03", "2026-06-09", true)]  // Wednesday to Tuesday: five working days over a weekend
    [TestCase("2026-06-03", "2026-06-08", false)] // four
    public void The_public_notice_lasts_five_working_days(string from, string to, bool enough) =>
        Assert.That(Errors(13, new StepDetails { NoticeFrom = DateOnly.Parse(from), NoticeTo = DateOnly.Parse(to) }, previous: "2026-05-20"),
            enough ? Is.Empty : Is.EqualTo(new[] { "noticeTo:workflow.recruitment.notice_too_short" }));

    [Test]
    public void Introducers_are_two_and_contacts_one_or_two()
    {
        Guid[] People(int n) => Enumerable.Range(0, n).Select(_ => Guid.NewGuid()).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(Errors(9, new StepDetails { Introducers = People(2) }), Is.Empty);
            Assert.That(Errors(9, new StepDetails { Introducers = People(1) }), Is.EqualTo(new[] { "introducers:workflow.recruitment.people_count" }));
            Assert.That(Errors(5, new StepDetails { Contacts = People(1) }), Is.Empty);
            Assert.That(Errors(5, new StepDetails { Contacts = People(3) }), Is.EqualTo(new[] { "contacts:workflow.recruitment.people_count" }));
        });
    }

    [Test]
    public void Every_required_material_is_filed()
    {
        var errors = new ValidationErrors();
        RecruitmentDetailsRules.Check(RecruitmentSteps.Get(15), new StepDetails { VotingMembers = 3, Present = 3, InFavour = 3 }, ["resolution"],
            new DateOnly(2026, 6, 1), null, 0, Rules, m => m, errors);
        Assert.That(errors.All.Single().Args, Is.EqualTo(new object[] { "meeting_minutes" }));
    }

    [Test]
    public void The_file_is_admitted_at_the_approval_and_converted_or_closed_at_the_conversion_approval()
    {
        var through17 = Through(17, "2024-01-01");
        var through24 = Through(24, "2024-01-01");
        Assert.Multiple(() =>
        {
            Assert.That(RecruitmentSchedule.Progress(Through(16, "2024-01-01"), 0, null, Recruitment).Status, Is.EqualTo(RecruitmentStatuses.Open));
            Assert.That(RecruitmentSchedule.Progress(through17, 0, null, Recruitment), Is.EqualTo(new FileProgress(4, 18, null, null, "admitted")));
            Assert.That(RecruitmentSchedule.Progress(through24, 0, ConversionOutcomes.OnTime, Recruitment).Status, Is.EqualTo("converted"));
            Assert.That(RecruitmentSchedule.Progress(through24, 0, ConversionOutcomes.Cancel, Recruitment),
                Is.EqualTo(new FileProgress(5, 26, null, null, "closed")));
            Assert.That(RecruitmentSteps.StatusAfter(24, ConversionOutcomes.Cancel), Is.EqualTo("non_member"));
            Assert.That(RecruitmentSteps.StatusAfter(24, ConversionOutcomes.Extend), Is.EqualTo("full_member"));
        });
    }
}
