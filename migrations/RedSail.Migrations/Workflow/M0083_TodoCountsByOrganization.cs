using FluentMigrator;

namespace RedSail.Migrations.Workflow;

/// <summary>
/// The to-do list's counts by kind come from the index alone: a region committee's ≈ 1,000 organisations each look up their open
/// to-dos by organisation, and the kind rides in the index (INCLUDE), where before every open to-do of the country was read and
/// joined to the organisations (≈ 0.5 s a call at 1M; the call that held Workflow's connections longest in the load run).
/// </summary>
[Migration(83, "workflow: open to-dos by organisation carry their kind")]
public sealed class M0083_TodoCountsByOrganization : Migration
{
    public override void Up() => Execute.Sql("""
        drop index workflow.ix_workflow_todo_open;
        create index ix_workflow_todo_open on workflow.todo (organization_id, due_on) include (kind) where closed_at is null;
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
