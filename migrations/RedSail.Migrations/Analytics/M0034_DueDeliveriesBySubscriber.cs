using FluentMigrator;

namespace RedSail.Migrations.Analytics;

/// <summary>The outbox's due deliveries indexed by subscriber, then time (<see cref="Messaging.DueBySubscriber"/>).</summary>
[Migration(34, "analytics: due outbox deliveries indexed by subscriber, then time")]
public sealed class M0034_DueDeliveriesBySubscriber : Migration
{
    public override void Up() => Execute.Sql(Messaging.DueBySubscriber("analytics"));

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
