using FluentMigrator;

namespace RedSail.Migrations.Workflow;

/// <summary>
/// The seeded 2014 version states every number it holds (it was stored empty, meaning "the 2014 defaults in code"), so that the
/// version means the same whatever later code assumes. Only an untouched seed is filled: versions are otherwise never edited.
/// </summary>
[Migration(61, "workflow: the seeded 2014 rule set states its numbers")]
public sealed class M0061_SeededRulesStated : Migration
{
    public override void Up() => Execute.Sql("""
        update workflow.rule_set set rules = '{
          "meetings": {
            "quotas": {
              "general_meeting": {"per": "quarter", "count": 1}, "committee_meeting": {"per": "month", "count": 1},
              "group_meeting": {"per": "month", "count": 1}, "party_lecture": {"per": "year", "count": 1},
              "theme_day": {"per": "month", "count": 1}, "life_meeting": {"per": "year", "count": 1},
              "democratic_review": {"per": "year", "count": 1}, "heart_to_heart_talk": {"per": "year", "count": 1}},
            "committeeQuorumPercent": 50, "generalMeetingQuorumPercent": 50, "absenceLimitMonths": 6, "absenceAlertMonths": 3},
          "recruitment": {
            "talkWithinMonths": 1, "activistAfterApplicationMonths": 6, "candidateAfterActivistMonths": 12, "assessmentEveryMonths": 6,
            "trainingMinHours": 24, "publicNoticeWorkingDays": 5, "approvalWithinMonths": 3, "approvalMaxMonths": 6, "probationMonths": 12,
            "probationExtensionMinMonths": 6, "probationExtensionMaxMonths": 12, "conversionApprovalMonths": 3, "upcomingDays": 14,
            "minApplicationAge": 18, "trainingMinDays": 3, "admissionVotePercent": 50},
          "dues": {
            "inService": [{"upTo": 3000, "percent": 0.5}, {"upTo": 5000, "percent": 1}, {"upTo": 10000, "percent": 1.5}, {"upTo": null, "percent": 2}],
            "retired": [{"upTo": 5000, "percent": 0.5}, {"upTo": null, "percent": 1}],
            "fixedMonthly": 0.2, "backPayMaxMonths": 6, "prepayMaxMonths": 12, "arrearsAlertMonths": 3, "arrearsLimitMonths": 6,
            "centreOneOffThreshold": 1000},
          "supervision": {
            "attendanceYellowPercent": 80, "attendanceRedPercent": 60, "completenessYellowPercent": 95, "completenessRedPercent": 80,
            "termNoticeMonths": 6, "requiredRecordSets": ["education"]},
          "study": {"yearlyMinimumHours": 32}
        }'::jsonb
        where id = '0193a000-0000-7000-8000-000000012014' and rules = '{}'::jsonb;
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
