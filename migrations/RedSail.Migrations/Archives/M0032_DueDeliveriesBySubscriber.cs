using FluentMigrator;

namespace RedSail.Migrations.Archives;

/// <summary>The outbox's due deliveries indexed by subscriber, then time (<see cref="Messaging.DueBySubscriber"/>).</summary>
[Migration(32, "archives: due outbox deliveries indexed by subscriber, then time")]
public sealed class M0032_DueDeliveriesBySubscriber : Migration
{
    public override void Up() => Execute.Sql(Messaging.DueBySubscriber("archives"));

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
