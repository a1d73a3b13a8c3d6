using FluentMigrator;

namespace RedSail.Migrations.Analytics;

/// <summary>
/// Meeting and dues facts from Workflow's events (docs/adr/0017-analytics-read-models.md, "Meetings, compliance, dues"): one row
/// per meeting, the quota counts of each branch-year as Workflow's compliance board counts them, and each branch-month's dues
/// totals. All are state rows: the newest event by occurred_at wins (<c>*_at</c>), so duplicates and late arrivals change nothing.
/// </summary>
[Migration(10, "analytics: meetings, meeting quota counts per branch-year, dues totals per branch-month")]
public sealed class M0010_MeetingsAndDues : Migration
{
    public override void Up() => Execute.Sql("""
        create table analytics.meeting (
            meeting_id uuid primary key,
            organization_id uuid,
            -- the branch it counts for (a party group's parent)
            branch_id uuid,
            type text,
            held_on date,
            expected int,
            present int,
            quorum_met boolean,
            recorded_at timestamptz,
            removed boolean not null default false,
            removed_reason text,
            state_at timestamptz,
            removed_at timestamptz);
        create index ix_analytics_meeting_branch on analytics.meeting (branch_id, held_on);

        -- The branch-year's quotas as a whole: a newer count replaces every row of the branch-year.
        create table analytics.meeting_quota_year (
            branch_id uuid not null,
            year int not null,
            counted_at timestamptz not null,
            primary key (branch_id, year));
        create table analytics.meeting_quota (
            branch_id uuid not null,
            year int not null,
            type text not null,
            per text not null,
            starts_on date not null,
            ends_on date not null,
            required int not null,
            held int not null,
            primary key (branch_id, year, type, per, starts_on));

        create table analytics.dues_month (
            organization_id uuid not null,
            month date not null,
            due numeric(14,2) not null,
            paid numeric(14,2) not null,
            members_due int not null,
            members_paid int not null,
            members_paid_on_time int not null,
            changed_at timestamptz not null,
            primary key (organization_id, month));
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
