using FluentMigrator;

namespace RedSail.Migrations.Workflow;

/// <summary>
/// The to-do list's order (soonest due first, then oldest) over the open to-dos: a committee at the root of a million people has
/// hundreds of thousands of them, and its first page was a sort of them all; now it is the first twenty entries of this index.
/// </summary>
[Migration(82, "workflow: open to-dos in the list's order")]
public sealed class M0082_TodoListOrder : Migration
{
    public override void Up() => Execute.Sql("""
        create index ix_workflow_todo_open_order on workflow.todo (due_on, opened_at, id) where closed_at is null;
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
