using FluentMigrator;

namespace RedSail.Migrations.Platform;

/// <summary>The outbox's due deliveries indexed by subscriber, then time (<see cref="Messaging.DueBySubscriber"/>).</summary>
[Migration(22, "platform: due outbox deliveries indexed by subscriber, then time")]
public sealed class M0022_DueDeliveriesBySubscriber : Migration
{
    public override void Up() => Execute.Sql(Messaging.DueBySubscriber("platform"));

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
