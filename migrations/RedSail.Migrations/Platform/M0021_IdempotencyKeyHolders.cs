using FluentMigrator;

namespace RedSail.Migrations.Platform;

/// <summary>
/// Which host holds a reservation, and whether its command began to commit: a reservation still <c>running</c> whose host is
/// gone (its presence lock released, HostPresence) never committed anything, so a retry may run it again instead of being
/// answered 409 for the key's 24 hours; one <c>committing</c> when its host died stays "outcome unknown".
/// </summary>
[Migration(21, "platform: Idempotency-Key reservations name their host and mark the start of the commit")]
public sealed class M0021_IdempotencyKeyHolders : Migration
{
    public override void Up() => Execute.Sql("""
        alter table platform.idempotency_key add column holder uuid;
        alter table platform.idempotency_key drop constraint idempotency_key_state_check;
        -- committing: the request's command began to commit (its effect may be there), no outcome stored yet
        alter table platform.idempotency_key add constraint idempotency_key_state_check
            check (state in ('running', 'committing', 'completed', 'unknown'));
        """);

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
