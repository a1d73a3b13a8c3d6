using FluentMigrator;

namespace RedSail.Migrations.Workflow;

/// <summary>
/// What each branch-year's last <c>MeetingQuotasCounted</c> said, as a fingerprint of its quotas: the daily re-publication
/// (<c>RepublishMeetingQuotas</c>) sends only the branch-years whose counts changed since (a new branch, a new rule set, a
/// committee or party group formed without a meeting), so repeating it adds no events.
/// </summary>
[Migration(80, "workflow: fingerprints of the meeting quota counts last published per branch-year")]
public sealed class M0080_MeetingQuotaPublications : Migration
{
    public override void Up() => Execute.Sql("""
        create table workflow.meeting_quota_publication (
            branch_id uuid not null,
            year int not null,
            fingerprint text not null,
            published_at timestamptz not null,
            primary key (branch_id, year));
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
