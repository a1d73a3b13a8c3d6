using FluentMigrator;

namespace RedSail.Migrations.Personnel;

[Migration(5, "personnel: change feed order on the outbox (transaction id, position)")]
public sealed class M0005_ChangeFeed : Migration
{
    // The feed is read in (transaction, position) order and only below the oldest running transaction, so a
    // transaction that commits late can never slip in behind a reader's cursor (see ReadChangeFeed).
    public override void Up() => Execute.Sql("""
        alter table personnel.outbox
            add column tx xid8 not null default pg_current_xact_id(),
            add column position bigint generated always as identity;
        create index ix_outbox_feed on personnel.outbox (tx, position);
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
