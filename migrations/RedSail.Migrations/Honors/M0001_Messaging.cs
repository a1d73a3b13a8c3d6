using FluentMigrator;

namespace RedSail.Migrations.Honors;

[Migration(1, "honors: outbox and inbox")]
public sealed class M0001_Messaging : Migration
{
    public override void Up() => Execute.Sql(Messaging.Tables("honors"));
    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
