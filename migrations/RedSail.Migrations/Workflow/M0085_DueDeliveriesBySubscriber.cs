using FluentMigrator;

namespace RedSail.Migrations.Workflow;

/// <summary>The outbox's due deliveries indexed by subscriber, then time (<see cref="Messaging.DueBySubscriber"/>).</summary>
[Migration(85, "workflow: due outbox deliveries indexed by subscriber, then time")]
public sealed class M0085_DueDeliveriesBySubscriber : Migration
{
    public override void Up() => Execute.Sql(Messaging.DueBySubscriber("workflow"));

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
