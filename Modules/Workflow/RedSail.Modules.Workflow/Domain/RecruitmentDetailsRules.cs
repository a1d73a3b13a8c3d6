namespace RedSail.Modules.Workflow.Domain;

/// <summary>
/// The checks on a step's details that need no database (the people named as contacts and introducers are checked against
/// the roster by the slice): each failure is a field error on the detail the user corrects.
/// </summary>
internal static class RecruitmentDetailsRules
{
    /// <param name="materialName">A material's name in the user's language, for the message.</param>
    public static void Check(RecruitmentStep step, StepDetails d, IReadOnlyList<string> materials, DateOnly on, DateOnly? previousOn,
        int alreadyExtendedMonths, WorkflowRules all, Func<string, string> materialName, ValidationErrors errors)
    {
        var rules = all.Recruitment;
        var missing = step.Materials.Except(materials).ToList();
        if (missing.Count > 0) errors.Add("materials", "workflow.recruitment.materials_missing", string.Join("、", missing.Select(materialName)));
        foreach (var unknown in materials.Except(step.Materials)) errors.Add("materials", "workflow.recruitment.material_unknown", unknown);
        switch (step.Number)
        {
            case RecruitmentSteps.Contacts:
                CheckPeople(StepDetails.ContactsField, d.Contacts, 1, 2, errors);
                break;
            case RecruitmentSteps.Introducers:
                CheckPeople(StepDetails.IntroducersField, d.Introducers, 2, 2, errors);
                break;
            case RecruitmentSteps.PoliticalReview:
                if (d.ReviewPassed is null) errors.Add(StepDetails.ReviewPassedField, "validation.required");
                else if (d.ReviewPassed == false) errors.Add(StepDetails.ReviewPassedField, "workflow.recruitment.review_must_pass");
                break;
            case RecruitmentSteps.Training:
                CheckTraining(d, rules, errors);
                break;
            case RecruitmentSteps.PreReview:
                CheckNotice(d, on, previousOn, rules, errors);
                break;
            case RecruitmentSteps.GeneralMeeting:
                CheckVote(d, all.Meetings.GeneralMeetingQuorumPercent, rules.AdmissionVotePercent, errors);
                break;
            case RecruitmentSteps.ConversionMeeting:
                CheckOutcome(d, alreadyExtendedMonths, rules, errors);
                break;
        }
    }

    private static void CheckPeople(string field, IReadOnlyList<Guid>? people, int min, int max, ValidationErrors errors)
    {
        var count = people?.Distinct().Count() ?? 0;
        if (count == 0) errors.Add(field, "validation.required");
        else if (count < min || count > max || count != people!.Count) errors.Add(field, "workflow.recruitment.people_count", min, max);
    }

    /// <summary>不少于三天或二十四学时: either is enough.</summary>
    public static void CheckTraining(StepDetails d, RecruitmentRules rules, ValidationErrors errors)
    {
        if (d.TrainingHours is null && d.TrainingDays is null) errors.Add(StepDetails.TrainingHoursField, "validation.required");
        else if (d.TrainingHours is < 0 or > 1000 || d.TrainingDays is < 0 or > 365) errors.Add(StepDetails.TrainingHoursField, "validation.invalid");
        else if ((d.TrainingHours ?? 0) < rules.TrainingMinHours && (d.TrainingDays ?? 0) < rules.TrainingMinDays)
            errors.Add(StepDetails.TrainingHoursField, "workflow.recruitment.training_too_short", rules.TrainingMinHours, rules.TrainingMinDays);
    }

    /// <summary>The notice runs at least the rule's working days (Monday to Friday: no holiday calendar is kept), before the pre-review.</summary>
    public static void CheckNotice(StepDetails d, DateOnly on, DateOnly? previousOn, RecruitmentRules rules, ValidationErrors errors)
    {
        if (d.NoticeFrom is not { } from) errors.Add(StepDetails.NoticeFromField, "validation.required");
        if (d.NoticeTo is not { } to) errors.Add(StepDetails.NoticeToField, "validation.required");
        if (d.NoticeFrom is not { } f || d.NoticeTo is not { } t) return;
        if (previousOn is { } p && f < p) errors.Add(StepDetails.NoticeFromField, "workflow.recruitment.notice_before_previous", p.ToString("yyyy-MM-dd"));
        if (t < f) errors.Add(StepDetails.NoticeToField, "workflow.recruitment.notice_order");
        else if (WorkingDays(f, t) < rules.PublicNoticeWorkingDays)
            errors.Add(StepDetails.NoticeToField, "workflow.recruitment.notice_too_short", rules.PublicNoticeWorkingDays, WorkingDays(f, t));
        if (t > on) errors.Add(StepDetails.NoticeToField, "workflow.recruitment.notice_after_step");
    }

    /// <summary>Monday to Friday from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public static int WorkingDays(DateOnly from, DateOnly to)
    {
        var days = 0;
        for (var d = from; d <= to; d = d.AddDays(1))
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) days++;
        return days;
    }

    /// <summary>
    /// 支部大会: valid with more than half of the voting members present (会议有效), and the candidate admitted with the votes of more
    /// than half of the full members due (赞成人数超过应到会有表决权党员的半数) — not of those present.
    /// </summary>
    public static void CheckVote(StepDetails d, int quorumPercent, int admissionPercent, ValidationErrors errors)
    {
        if (d.VotingMembers is not { } due) errors.Add(StepDetails.VotingMembersField, "validation.required");
        if (d.Present is not { } present) errors.Add(StepDetails.PresentField, "validation.required");
        if (d.InFavour is not { } favour) errors.Add(StepDetails.InFavourField, "validation.required");
        if (d.VotingMembers is not { } v || d.Present is not { } p || d.InFavour is not { } f) return;
        if (v is < 1 or > 10000) errors.Add(StepDetails.VotingMembersField, "validation.between", 1, 10000);
        else if (p < 0 || p > v) errors.Add(StepDetails.PresentField, "validation.between", 0, v);
        else if (f < 0 || f > p) errors.Add(StepDetails.InFavourField, "validation.between", 0, p);
        else if (!MoreThan(p, v, quorumPercent))
            errors.Add(StepDetails.PresentField, "workflow.recruitment.no_quorum", quorumPercent, v);
        else if (!MoreThan(f, v, admissionPercent))
            errors.Add(StepDetails.InFavourField, "workflow.recruitment.vote_failed", admissionPercent, v);
    }

    /// <summary>A probation is extended once, by the rule's months (½–1 year); the decision is on time, extend or cancel.</summary>
    public static void CheckOutcome(StepDetails d, int alreadyExtendedMonths, RecruitmentRules rules, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(d.Outcome)) errors.Add(StepDetails.OutcomeField, "validation.required");
        else if (!ConversionOutcomes.All.Contains(d.Outcome)) errors.Add(StepDetails.OutcomeField, "workflow.recruitment.outcome_unknown", d.Outcome);
        else if (d.Outcome == ConversionOutcomes.Extend)
        {
            if (alreadyExtendedMonths > 0) errors.Add(StepDetails.OutcomeField, "workflow.recruitment.extended_once");
            else if (d.ExtensionMonths is not { } months) errors.Add(StepDetails.ExtensionMonthsField, "validation.required");
            else errors.Between(StepDetails.ExtensionMonthsField, months, rules.ProbationExtensionMinMonths, rules.ProbationExtensionMaxMonths);
        }
        else if (d.ExtensionMonths is not null) errors.Add(StepDetails.ExtensionMonthsField, "workflow.recruitment.extension_without_extend");
    }

    private static bool MoreThan(int part, int whole, int percent) => part * 100L > whole * (long)percent;
}
