using FluentMigrator;

namespace RedSail.Migrations.Archives;

[Migration(1, "archives: outbox and inbox")]
public sealed class M0001_Messaging : Migration
{
    public override void Up() => Execute.Sql(Messaging.Tables("archives"));
    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
