namespace RedSail.Modules.Workflow.Domain;

/// <summary>
/// The regulation numbers Workflow applies (shared/DOMAIN.md §4–6), as one version of the rule set: data, not code, so
/// that the committee can adopt the 2026 细则 or a local practice without a release. Stored as JSON in
/// <c>workflow.rule_set</c>, one section per line of work; a missing value falls back to the 2014 figure here.
/// </summary>
internal sealed record WorkflowRules
{
    public MeetingRules Meetings { get; init; } = new();
    public RecruitmentRules Recruitment { get; init; } = new();
    public DuesRules Dues { get; init; } = new();
    public SupervisionRules Supervision { get; init; } = new();
    public StudyRules Study { get; init; } = new();

    public static readonly WorkflowRules Regulation2014 = new();

    public void Check(ValidationErrors errors)
    {
        Meetings.Check(errors);
        Recruitment.Check(errors);
        Dues.Check(errors);
        Supervision.Check(errors);
        Study.Check(errors);
    }
}

/// <summary>How often each type of organisational life is due (支部工作条例 2018), quorums and absence alerts.</summary>
internal sealed record MeetingRules
{
    /// <summary>Required frequency per meeting type: at least <see cref="MeetingQuota.Count"/> per <see cref="MeetingQuota.Per"/>.</summary>
    public IReadOnlyDictionary<string, MeetingQuota> Quotas { get; init; } = new Dictionary<string, MeetingQuota>
    {
        [MeetingTypes.GeneralMeeting] = new(MeetingQuota.Quarter, 1),
        [MeetingTypes.CommitteeMeeting] = new(MeetingQuota.Month, 1),
        [MeetingTypes.GroupMeeting] = new(MeetingQuota.Month, 1),
        [MeetingTypes.PartyLecture] = new(MeetingQuota.Year, 1),
        [MeetingTypes.ThemeDay] = new(MeetingQuota.Month, 1),
        [MeetingTypes.LifeMeeting] = new(MeetingQuota.Year, 1),
        [MeetingTypes.DemocraticReview] = new(MeetingQuota.Year, 1),
        [MeetingTypes.HeartToHeartTalk] = new(MeetingQuota.Year, 1),
    };
    /// <summary>A 支委会 is valid with more than this share (percent) of the committee present (超过半数).</summary>
    public int CommitteeQuorumPercent { get; init; } = 50;
    /// <summary>A 支部党员大会 is valid with more than this share (percent) of the voting members present (超过半数).</summary>
    public int GeneralMeetingQuorumPercent { get; init; } = 50;
    /// <summary>Six consecutive months of unexcused absence is a ground for 自行脱党 …</summary>
    public int AbsenceLimitMonths { get; init; } = 6;
    /// <summary>… so the branch is alerted after this many.</summary>
    public int AbsenceAlertMonths { get; init; } = 3;

    public void Check(ValidationErrors errors)
    {
        foreach (var (type, quota) in Quotas)
        {
            if (!MeetingTypes.All.Contains(type)) errors.Add($"rules.meetings.quotas.{type}", "workflow.rules.unknown_meeting_type", type);
            if (!MeetingQuota.Periods.Contains(quota.Per) || quota.Count is < 0 or > 31)
                errors.Add($"rules.meetings.quotas.{type}", "workflow.rules.quota_invalid");
        }
        errors.Between("rules.meetings.committeeQuorumPercent", CommitteeQuorumPercent, 1, 99)
            .Between("rules.meetings.generalMeetingQuorumPercent", GeneralMeetingQuorumPercent, 1, 99)
            .Between("rules.meetings.absenceLimitMonths", AbsenceLimitMonths, 1, 24)
            .Between("rules.meetings.absenceAlertMonths", AbsenceAlertMonths, 1, AbsenceLimitMonths);
    }
}

/// <summary>At least <see cref="Count"/> meetings per period (<c>month</c>, <c>quarter</c> or <c>year</c>).</summary>
internal sealed record MeetingQuota(string Per, int Count)
{
    public const string Month = "month";
    public const string Quarter = "quarter";
    public const string Year = "year";
    public static readonly IReadOnlySet<string> Periods = new HashSet<string> { Month, Quarter, Year };
}

/// <summary>The deadlines of the 25 steps (发展党员工作细则 2014); see <c>Domain/RecruitmentSteps</c> for how each applies.</summary>
internal sealed record RecruitmentRules
{
    /// <summary>Step 2: the branch talks with the applicant within this many months of the application (一个月内).</summary>
    public int TalkWithinMonths { get; init; } = 1;
    /// <summary>Step 3: activists are chosen at least this long after applying (local practice: half a year).</summary>
    public int ActivistAfterApplicationMonths { get; init; } = 6;
    /// <summary>Step 7: candidates after at least a year as an activist (一年以上).</summary>
    public int CandidateAfterActivistMonths { get; init; } = 12;
    /// <summary>Step 6: the branch assesses the activist at least every this many months (每半年).</summary>
    public int AssessmentEveryMonths { get; init; } = 6;
    /// <summary>Step 11: concentrated training of at least this many class hours (不少于24学时) …</summary>
    public int TrainingMinHours { get; init; } = 24;
    /// <summary>Step 13: public notice of at least this many working days (local practice).</summary>
    public int PublicNoticeWorkingDays { get; init; } = 5;
    /// <summary>Step 17: the higher committee approves within this many months of the branch vote (三个月内) …</summary>
    public int ApprovalWithinMonths { get; init; } = 3;
    /// <summary>… which may be extended, but never beyond this many (不超过六个月).</summary>
    public int ApprovalMaxMonths { get; init; } = 6;
    /// <summary>Step 21: probation from the branch vote (预备期一年).</summary>
    public int ProbationMonths { get; init; } = 12;
    /// <summary>Step 23: an extended probation adds at least this many months (不少于半年) …</summary>
    public int ProbationExtensionMinMonths { get; init; } = 6;
    /// <summary>… and at most this many (最长不超过一年), once.</summary>
    public int ProbationExtensionMaxMonths { get; init; } = 12;
    /// <summary>Step 24: the conversion is approved within this many months (三个月内).</summary>
    public int ConversionApprovalMonths { get; init; } = 3;
    /// <summary>A step due within this many days becomes an upcoming to-do.</summary>
    public int UpcomingDays { get; init; } = 14;
    /// <summary>Step 1: the applicant is at least this old on the day of the application (年满十八岁).</summary>
    public int MinApplicationAge { get; init; } = 18;
    /// <summary>Step 11: … or a training of at least this many days (不少于三天).</summary>
    public int TrainingMinDays { get; init; } = 3;
    /// <summary>Step 15: admitted with the votes of more than this share (percent) of the full members due (超过应到会有表决权党员的半数).</summary>
    public int AdmissionVotePercent { get; init; } = 50;

    public void Check(ValidationErrors errors)
    {
        errors.Between("rules.recruitment.talkWithinMonths", TalkWithinMonths, 1, 12)
            .Between("rules.recruitment.activistAfterApplicationMonths", ActivistAfterApplicationMonths, 0, 24)
            .Between("rules.recruitment.candidateAfterActivistMonths", CandidateAfterActivistMonths, 6, 36)
            .Between("rules.recruitment.assessmentEveryMonths", AssessmentEveryMonths, 1, 12)
            .Between("rules.recruitment.trainingMinHours", TrainingMinHours, 8, 200)
            .Between("rules.recruitment.publicNoticeWorkingDays", PublicNoticeWorkingDays, 0, 30)
            .Between("rules.recruitment.approvalWithinMonths", ApprovalWithinMonths, 1, ApprovalMaxMonths)
            .Between("rules.recruitment.approvalMaxMonths", ApprovalMaxMonths, 1, 12)
            .Between("rules.recruitment.probationMonths", ProbationMonths, 6, 24)
            .Between("rules.recruitment.probationExtensionMinMonths", ProbationExtensionMinMonths, 1, ProbationExtensionMaxMonths)
            .Between("rules.recruitment.probationExtensionMaxMonths", ProbationExtensionMaxMonths, 1, 24)
            .Between("rules.recruitment.conversionApprovalMonths", ConversionApprovalMonths, 1, 12)
            .Between("rules.recruitment.upcomingDays", UpcomingDays, 1, 90)
            .Between("rules.recruitment.minApplicationAge", MinApplicationAge, 14, 30)
            .Between("rules.recruitment.trainingMinDays", TrainingMinDays, 1, 30)
            .Between("rules.recruitment.admissionVotePercent", AdmissionVotePercent, 1, 99);
    }
}

/// <summary>Dues (中组发〔2008〕3号): the rate applies to the whole base, chosen by band; money is decimal, never floating point.</summary>
internal sealed record DuesRules
{
    /// <summary>In service, on the monthly after-tax fixed pay: each band includes its upper limit; the last has none.</summary>
    public IReadOnlyList<DuesBand> InService { get; init; } = [new(3000m, 0.5m), new(5000m, 1m), new(10000m, 1.5m), new(null, 2m)];
    /// <summary>Retired, on the pension.</summary>
    public IReadOnlyList<DuesBand> Retired { get; init; } = [new(5000m, 0.5m), new(null, 1m)];
    /// <summary>Students, the unemployed, relief recipients: a fixed monthly amount (¥0.2).</summary>
    public decimal FixedMonthly { get; init; } = 0.2m;
    /// <summary>Back pay reaches at most this many months into the past (补交不超过六个月).</summary>
    public int BackPayMaxMonths { get; init; } = 6;
    /// <summary>Prepayment reaches at most this many months beyond the current one (local practice: the rest of the year and more, 按季度/半年/全年预交).</summary>
    public int PrepayMaxMonths { get; init; } = 12;
    /// <summary>Arrears of this many months raise an alert …</summary>
    public int ArrearsAlertMonths { get; init; } = 3;
    /// <summary>… well before this many consecutive unpaid months count as 自行脱党.</summary>
    public int ArrearsLimitMonths { get; init; } = 6;
    /// <summary>A voluntary one-off payment of at least this much goes wholly to the Centre.</summary>
    public decimal CentreOneOffThreshold { get; init; } = 1000m;

    public void Check(ValidationErrors errors)
    {
        CheckBands("rules.dues.inService", InService, errors);
        CheckBands("rules.dues.retired", Retired, errors);
        if (FixedMonthly is < 0m or > 100m) errors.Add("rules.dues.fixedMonthly", "workflow.rules.amount_invalid");
        errors.Between("rules.dues.backPayMaxMonths", BackPayMaxMonths, 0, 24)
            .Between("rules.dues.prepayMaxMonths", PrepayMaxMonths, 0, 24)
            .Between("rules.dues.arrearsLimitMonths", ArrearsLimitMonths, 2, 24)
            .Between("rules.dues.arrearsAlertMonths", ArrearsAlertMonths, 1, ArrearsLimitMonths - 1);
    }

    /// <summary>Bands rise strictly, the last is open-ended, and rates are percentages between 0 and 10.</summary>
    private static void CheckBands(string field, IReadOnlyList<DuesBand> bands, ValidationErrors errors)
    {
        var ordered = bands.Count > 0 && bands[^1].UpTo is null && bands.Take(bands.Count - 1).All(b => b.UpTo is > 0m)
            && bands.Take(bands.Count - 1).Zip(bands.Skip(1).Take(bands.Count - 2)).All(p => p.First.UpTo < p.Second.UpTo)
            && bands.All(b => b.Percent is >= 0m and <= 10m);
        if (!ordered) errors.Add(field, "workflow.rules.bands_invalid");
    }
}

/// <summary>One dues band: bases up to and including <see cref="UpTo"/> (none: no upper limit) pay <see cref="Percent"/> % of the whole base.</summary>
internal sealed record DuesBand(decimal? UpTo, decimal Percent);

/// <summary>Where the quarterly scorecard turns yellow or red (local practice: the committee sets these).</summary>
internal sealed record SupervisionRules
{
    /// <summary>Average attendance below this (percent) is yellow …</summary>
    public int AttendanceYellowPercent { get; init; } = 80;
    /// <summary>… and below this red.</summary>
    public int AttendanceRedPercent { get; init; } = 60;
    /// <summary>Members' records complete below this share (percent) is yellow …</summary>
    public int CompletenessYellowPercent { get; init; } = 95;
    /// <summary>… and below this red.</summary>
    public int CompletenessRedPercent { get; init; } = 80;
    /// <summary>A committee term ending within this many months is yellow (expired is red).</summary>
    public int TermNoticeMonths { get; init; } = 6;
    /// <summary>A member's record is complete with entries in these information sets (and the date of joining): local practice.</summary>
    public IReadOnlyList<string> RequiredRecordSets { get; init; } = ["education"];

    public void Check(ValidationErrors errors)
    {
        if (RequiredRecordSets.Count > 20 || RequiredRecordSets.Any(s => string.IsNullOrWhiteSpace(s) || s.Length > 30))
            errors.Add("rules.supervision.requiredRecordSets", "workflow.rules.record_sets_invalid");
        errors.Between("rules.supervision.attendanceYellowPercent", AttendanceYellowPercent, AttendanceRedPercent, 100)
            .Between("rules.supervision.attendanceRedPercent", AttendanceRedPercent, 0, 100)
            .Between("rules.supervision.completenessYellowPercent", CompletenessYellowPercent, CompletenessRedPercent, 100)
            .Between("rules.supervision.completenessRedPercent", CompletenessRedPercent, 0, 100)
            .Between("rules.supervision.termNoticeMonths", TermNoticeMonths, 1, 24);
    }
}

/// <summary>Members' study (学习教育): how many hours a year each member should reach.</summary>
internal sealed record StudyRules
{
    /// <summary>Local practice (no national figure): members below this many study hours in a year are flagged.</summary>
    public decimal YearlyMinimumHours { get; init; } = 32m;

    public void Check(ValidationErrors errors)
    {
        if (YearlyMinimumHours is < 0m or > 500m) errors.Add("rules.study.yearlyMinimumHours", "validation.between", 0, 500);
    }
}
