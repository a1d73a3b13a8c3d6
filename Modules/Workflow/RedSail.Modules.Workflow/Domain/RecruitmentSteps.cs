namespace RedSail.Modules.Workflow.Domain;

/// <summary>
/// The 25 steps of 发展党员 in five stages (发展党员工作细则 2014; shared/DOMAIN.md §4) as data: who acts, what goes into the
/// file, and which details the step records. Names are message keys <c>workflow.recruitment.step.&lt;n&gt;</c>, actors
/// <c>workflow.recruitment.actor.&lt;actor&gt;</c>, materials <c>workflow.recruitment.material.&lt;code&gt;</c>. The dates
/// come from <see cref="RecruitmentSchedule"/>, the checks of the details from <see cref="RecruitmentDetailsRules"/>.
/// </summary>
internal static class RecruitmentSteps
{
    public const int First = 1;
    public const int Last = 25;
    /// <summary>The file's next step once every step is done.</summary>
    public const int Done = 26;

    public const int Application = 1, Talk = 2, Activist = 3, Contacts = 5, Candidate = 7, Introducers = 9, PoliticalReview = 10,
        Training = 11, PreReview = 13, GeneralMeeting = 15, Approval = 17, Probation = 21, ConversionApplication = 22,
        ConversionMeeting = 23, ConversionApproval = 24;

    public static readonly IReadOnlyList<RecruitmentStep> All =
    [
        new(1, 1, Actors.Applicant, ["application_letter"], []),
        new(2, 1, Actors.Branch, ["talk_record"], []),
        new(3, 2, Actors.BranchCommittee, ["recommendation", "committee_minutes"], []),
        new(4, 2, Actors.Branch, ["filing_report"], []),
        new(5, 2, Actors.BranchCommittee, [], [StepDetails.ContactsField]),
        new(6, 2, Actors.Branch, ["thought_reports", "assessment_records"], []),
        new(7, 3, Actors.BranchCommittee, ["opinions", "committee_minutes"], []),
        new(8, 3, Actors.Branch, ["filing_report"], []),
        new(9, 3, Actors.Branch, [], [StepDetails.IntroducersField]),
        new(10, 3, Actors.HigherCommittee, ["political_review_report"], [StepDetails.ReviewPassedField]),
        new(11, 3, Actors.HigherCommittee, ["training_certificate"], [StepDetails.TrainingHoursField, StepDetails.TrainingDaysField]),
        new(12, 3, Actors.BranchCommittee, ["review_opinion"], []),
        new(13, 4, Actors.HigherCommittee, ["pre_review_opinion", "public_notice"], [StepDetails.NoticeFromField, StepDetails.NoticeToField]),
        new(14, 4, Actors.Applicant, ["admission_form"], []),
        new(15, 4, Actors.GeneralMeeting, ["resolution", "meeting_minutes"],
            [StepDetails.VotingMembersField, StepDetails.PresentField, StepDetails.InFavourField]),
        new(16, 4, Actors.HigherCommittee, ["talk_record"], []),
        new(17, 4, Actors.HigherCommittee, ["approval_document"], []),
        new(18, 4, Actors.OrganizationDepartment, ["filing_report"], []),
        new(19, 4, Actors.Branch, [], []),
        new(20, 4, Actors.Branch, ["oath_record"], []),
        new(21, 5, Actors.Branch, ["thought_reports", "assessment_records"], []),
        new(22, 5, Actors.Applicant, ["conversion_application"], []),
        new(23, 5, Actors.GeneralMeeting, ["resolution", "meeting_minutes"], [StepDetails.OutcomeField, StepDetails.ExtensionMonthsField]),
        new(24, 5, Actors.HigherCommittee, ["approval_document"], []),
        new(25, 5, Actors.Branch, ["application_letter", "admission_form", "political_review_report", "conversion_application", "assessment_records"], []),
    ];

    public static RecruitmentStep Get(int number) => All[number - 1];

    public static bool Exists(int number) => number is >= First and <= Last;

    /// <summary>The stage a file is in when <paramref name="nextStep"/> is the next (the last stage once all are done).</summary>
    public static int StageOf(int nextStep) => Get(Math.Min(nextStep, Last)).Stage;

    /// <summary>The party status a completed step gives the person, if it changes it (raised to Personnel as an event).</summary>
    public static string? StatusAfter(int step, string? conversionOutcome) => step switch
    {
        Activist => "activist",
        Candidate => "candidate",
        Approval => "probationary",
        // The conversion approval confirms the meeting's decision: conversion (on time or after the extension) or cancellation.
        // Cancelling the probation (取消预备党员资格) returns the person to the masses (群众): Personnel's exit from probationary.
        ConversionApproval => conversionOutcome == ConversionOutcomes.Cancel ? "non_member" : "full_member",
        _ => null,
    };

    public static class Actors
    {
        public const string Applicant = "applicant";
        public const string Branch = "branch";
        public const string BranchCommittee = "branch_committee";
        public const string GeneralMeeting = "general_meeting";
        public const string HigherCommittee = "higher_committee";
        public const string OrganizationDepartment = "organization_department";
    }
}

/// <summary>One step: its number, stage (1–5), who acts, the materials that go into the file, and the details it records.</summary>
internal sealed record RecruitmentStep(int Number, int Stage, string Actor, IReadOnlyList<string> Materials, IReadOnlyList<string> Details)
{
    public string NameKey => $"workflow.recruitment.step.{Number}";
}

/// <summary>What 支部大会 decides at the end of probation (step 23).</summary>
internal static class ConversionOutcomes
{
    public const string OnTime = "on_time";
    public const string Extend = "extend";
    public const string Cancel = "cancel";
    public static readonly IReadOnlySet<string> All = new HashSet<string> { OnTime, Extend, Cancel };
}

/// <summary>
/// The details a step records (stored as JSON in <c>recruitment_step.details</c>); each step uses the fields its
/// <see cref="RecruitmentStep.Details"/> names and leaves the others empty.
/// </summary>
internal sealed record StepDetails
{
    public const string ContactsField = "contacts", IntroducersField = "introducers", ReviewPassedField = "reviewPassed",
        TrainingHoursField = "trainingHours", TrainingDaysField = "trainingDays", NoticeFromField = "noticeFrom", NoticeToField = "noticeTo",
        VotingMembersField = "votingMembers", PresentField = "present", InFavourField = "inFavour", OutcomeField = "outcome",
        ExtensionMonthsField = "extensionMonths";

    /// <summary>Step 5: the 培养联系人, one or two full members.</summary>
    public IReadOnlyList<Guid>? Contacts { get; init; }
    /// <summary>Step 9: the two 入党介绍人, full members.</summary>
    public IReadOnlyList<Guid>? Introducers { get; init; }
    /// <summary>Step 10: the political review passed (it must: a failed review ends the file by closing it).</summary>
    public bool? ReviewPassed { get; init; }
    /// <summary>Step 11: class hours and days of the concentrated training.</summary>
    public decimal? TrainingHours { get; init; }
    public int? TrainingDays { get; init; }
    /// <summary>Step 13: the public notice's first and last day.</summary>
    public DateOnly? NoticeFrom { get; init; }
    public DateOnly? NoticeTo { get; init; }
    /// <summary>Step 15: full members with a vote due at the meeting, present, and in favour.</summary>
    public int? VotingMembers { get; init; }
    public int? Present { get; init; }
    public int? InFavour { get; init; }
    /// <summary>Step 23: <see cref="ConversionOutcomes"/>, and the months of an extension.</summary>
    public string? Outcome { get; init; }
    public int? ExtensionMonths { get; init; }

    public static readonly StepDetails None = new();
}
