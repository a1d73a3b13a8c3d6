using FluentMigrator;

namespace RedSail.Migrations.Workflow;

/// <summary>
/// The meetings list's order (newest first: held_on desc, starts_at desc, id) in both meeting indexes, with the columns the list
/// filters on: a branch's or region's page is read per organisation from the index alone and sorted, the root's newest twenty
/// are the first twenty entries of the date index (before, a day's thousands of meetings were read and sorted for each page).
/// They replace the two indexes of M0010, which they cover (the compliance counts probe organisation and date the same way).
/// </summary>
[Migration(81, "workflow: meeting indexes in the list's order (per organisation, and newest first)")]
public sealed class M0081_MeetingListIndexes : Migration
{
    public override void Up() => Execute.Sql("""
        create index ix_workflow_meeting_list on workflow.meeting (organization_id, held_on desc, starts_at desc, id) include (type)
            where removed_at is null;
        create index ix_workflow_meeting_newest on workflow.meeting (held_on desc, starts_at desc, id) include (organization_id, type)
            where removed_at is null;
        drop index workflow.ix_workflow_meeting_organization;
        drop index workflow.ix_workflow_meeting_held_on;
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
