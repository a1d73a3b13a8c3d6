namespace RedSail.Modules.Workflow.Domain;

/// <summary>When a step may be completed and when it is due, from the dates of the steps before it.</summary>
/// <param name="Earliest">Not before this day (e.g. a year as an activist before becoming a candidate).</param>
/// <param name="Due">Should be done by this day (late is allowed, and shows as overdue).</param>
/// <param name="Latest">Never after this day (the approval's six months).</param>
internal sealed record StepWindow(DateOnly? Earliest, DateOnly? Due, DateOnly? Latest)
{
    public static readonly StepWindow Open = new(null, null, null);
}

/// <summary>
/// The deadlines of the 25 steps, from the numbers of <see cref="RecruitmentRules"/>. The caller passes the rules in force on
/// the application date (step 1): a file runs to its end under the rules it started with.
/// </summary>
internal static class RecruitmentSchedule
{
    /// <summary>The window of <paramref name="step"/>, given the dates of the steps completed before it.</summary>
    public static StepWindow Window(int step, IReadOnlyDictionary<int, DateOnly> done, int extendedMonths, RecruitmentRules rules)
    {
        DateOnly? On(int s) => done.TryGetValue(s, out var d) ? d : null;
        var probationEnd = ProbationEnd(On(RecruitmentSteps.GeneralMeeting), 0, rules);
        return step switch
        {
            RecruitmentSteps.Talk => new(null, On(RecruitmentSteps.Application)?.AddMonths(rules.TalkWithinMonths), null),
            RecruitmentSteps.Activist => new(On(RecruitmentSteps.Application)?.AddMonths(rules.ActivistAfterApplicationMonths), null, null),
            RecruitmentSteps.Candidate => new(On(RecruitmentSteps.Activist)?.AddMonths(rules.CandidateAfterActivistMonths), null, null),
            RecruitmentSteps.Approval => On(RecruitmentSteps.GeneralMeeting) is { } vote
                ? new(null, vote.AddMonths(rules.ApprovalWithinMonths), vote.AddMonths(rules.ApprovalMaxMonths))
                : StepWindow.Open,
            // The education during probation is assessed by its end …
            RecruitmentSteps.Probation => new(null, probationEnd, null),
            // … when the member applies in writing.
            RecruitmentSteps.ConversionApplication => new(probationEnd, null, null),
            // An extended probation is approved at its end; on time or cancelled, within the months after the meeting.
            RecruitmentSteps.ConversionApproval => ProbationEnd(On(RecruitmentSteps.GeneralMeeting), extendedMonths, rules) is { } end
                && On(RecruitmentSteps.ConversionMeeting) is { } meeting
                ? new(end, Max(end, meeting).AddMonths(rules.ConversionApprovalMonths), null)
                : StepWindow.Open,
            _ => StepWindow.Open,
        };
    }

    /// <summary>Probation runs from the 支部大会 vote (step 15), plus any extension.</summary>
    public static DateOnly? ProbationEnd(DateOnly? vote, int extendedMonths, RecruitmentRules rules) =>
        vote?.AddMonths(rules.ProbationMonths + extendedMonths);

    /// <summary>
    /// Why <paramref name="step"/> cannot be completed on <paramref name="on"/>: not the next step, before the previous step's date,
    /// before its earliest date, or after its latest. Null when it can. (A date in the future is the request's field error.)
    /// </summary>
    public static RuleViolationException? Refusal(int step, int nextStep, DateOnly on, IReadOnlyDictionary<int, DateOnly> done, int extendedMonths,
        RecruitmentRules rules)
    {
        if (nextStep > RecruitmentSteps.Last)
            return new RuleViolationException("recruitment_file_done", "workflow.recruitment.file_done");
        if (step != nextStep)
            return new RuleViolationException("recruitment_step_order", "workflow.recruitment.step_order", step, nextStep);
        if (done.TryGetValue(step - 1, out var previous) && on < previous)
            return new RuleViolationException("recruitment_step_before_previous", "workflow.recruitment.step_before_previous", Iso(previous));
        var window = Window(step, done, extendedMonths, rules);
        if (window.Earliest is { } earliest && on < earliest)
            return new RuleViolationException("recruitment_step_too_early", "workflow.recruitment.step_too_early", step, Iso(earliest));
        if (window.Latest is { } latest && on > latest)
            return new RuleViolationException("recruitment_step_too_late", "workflow.recruitment.step_too_late", step, Iso(latest));
        return null;
    }

    /// <summary>
    /// Where a file stands after its steps: the next step with its window, the stage, and the status (admitted from the approval,
    /// converted from the conversion's approval; a cancelled probation closes the file).
    /// </summary>
    public static FileProgress Progress(IReadOnlyDictionary<int, DateOnly> done, int extendedMonths, string? outcome, RecruitmentRules rules)
    {
        var next = done.Count == 0 ? RecruitmentSteps.First : done.Keys.Max() + 1;
        if (done.ContainsKey(RecruitmentSteps.ConversionApproval) && outcome == ConversionOutcomes.Cancel)
            return new(RecruitmentSteps.StageOf(RecruitmentSteps.Last), RecruitmentSteps.Done, null, null, RecruitmentStatuses.Closed);
        var status = done.ContainsKey(RecruitmentSteps.ConversionApproval) ? RecruitmentStatuses.Converted
            : done.ContainsKey(RecruitmentSteps.Approval) ? RecruitmentStatuses.Admitted
            : RecruitmentStatuses.Open;
        var window = next <= RecruitmentSteps.Last ? Window(next, done, extendedMonths, rules) : StepWindow.Open;
        return new(RecruitmentSteps.StageOf(next), next, window.Due, window.Earliest, status);
    }

    public static bool IsOverdue(StepWindow window, DateOnly today) => window.Due is { } due && due < today;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd");
}

/// <summary>Where a file stands: see <see cref="RecruitmentSchedule.Progress"/>.</summary>
internal sealed record FileProgress(int Stage, int NextStep, DateOnly? NextDueOn, DateOnly? NextEarliestOn, string Status);

internal static class RecruitmentStatuses
{
    public const string Open = "open";
    public const string Admitted = "admitted";
    public const string Converted = "converted";
    public const string Closed = "closed";
}
