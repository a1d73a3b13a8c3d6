using FluentMigrator;

namespace RedSail.Migrations.Workflow;

[Migration(1, "workflow: outbox and inbox")]
public sealed class M0001_Messaging : Migration
{
    public override void Up() => Execute.Sql(Messaging.Tables("workflow"));
    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
