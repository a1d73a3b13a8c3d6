using FluentMigrator;

namespace RedSail.Migrations.Honors;

/// <summary>The outbox's due deliveries indexed by subscriber, then time (<see cref="Messaging.DueBySubscriber"/>).</summary>
[Migration(12, "honors: due outbox deliveries indexed by subscriber, then time")]
public sealed class M0012_DueDeliveriesBySubscriber : Migration
{
    public override void Up() => Execute.Sql(Messaging.DueBySubscriber("honors"));

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
