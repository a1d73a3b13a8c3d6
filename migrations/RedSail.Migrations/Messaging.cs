namespace RedSail.Migrations;

/// <summary>The outbox and inbox every module owns in its schema (see BuildingBlocks/Events).</summary>
internal static class Messaging
{
    public static string Tables(string schema) => $"""
        create table {schema}.outbox (
            event_id uuid primary key,
            event_type text not null,
            payload jsonb not null,
            occurred_at timestamptz not null,
            correlation_id text,
            recorded_at timestamptz not null default now());
        create index ix_outbox_occurred on {schema}.outbox (occurred_at);
        create table {schema}.outbox_delivery (
            event_id uuid not null references {schema}.outbox (event_id),
            subscriber text not null,
            attempts int not null default 0,
            next_attempt_at timestamptz not null default now(),
            lease_until timestamptz,
            delivered_at timestamptz,
            parked_at timestamptz,
            last_error text,
            primary key (event_id, subscriber));
        create index ix_outbox_delivery_due on {schema}.outbox_delivery (next_attempt_at)
            where delivered_at is null and parked_at is null;
        create index ix_outbox_delivery_parked on {schema}.outbox_delivery (parked_at) where parked_at is not null;
        create table {schema}.inbox (
            event_id uuid not null,
            subscriber text not null,
            processed_at timestamptz not null default now(),
            primary key (event_id, subscriber));
        """;

    /// <summary>
    /// The due deliveries indexed by subscriber first (replacing the index by time alone): the dispatcher takes a batch
    /// subscriber's deliveries apart from the one-by-one subscribers' (OutboxDispatcher), and by time alone, a claim of the
    /// one kind read through every due row of the other, a burst of Analytics' deliveries being tens of thousands of rows.
    /// </summary>
    public static string DueBySubscriber(string schema) => $"""
        drop index {schema}.ix_outbox_delivery_due;
        create index ix_outbox_delivery_due on {schema}.outbox_delivery (subscriber, next_attempt_at)
            where delivered_at is null and parked_at is null;
        """;
}
