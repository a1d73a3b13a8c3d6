using FluentMigrator;

namespace RedSail.Migrations.Personnel;

/// <summary>The outbox's due deliveries indexed by subscriber, then time (<see cref="Messaging.DueBySubscriber"/>).</summary>
[Migration(16, "personnel: due outbox deliveries indexed by subscriber, then time")]
public sealed class M0016_DueDeliveriesBySubscriber : Migration
{
    public override void Up() => Execute.Sql(Messaging.DueBySubscriber("personnel"));

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
