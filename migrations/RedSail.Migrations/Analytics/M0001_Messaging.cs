using FluentMigrator;

namespace RedSail.Migrations.Analytics;

[Migration(1, "analytics: outbox and inbox")]
public sealed class M0001_Messaging : Migration
{
    public override void Up() => Execute.Sql(Messaging.Tables("analytics"));
    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
