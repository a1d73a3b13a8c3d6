using System.Text.Json;
using NpgsqlTypes;
using RedSail.BuildingBlocks.Access;
using RedSail.BuildingBlocks.Data;

namespace RedSail.BuildingBlocks.Events;

/// <summary>
/// Writes events and one delivery row per subscriber into the sender's own schema, set-based: one statement for a few
/// events, binary COPY for many (an import of 100,000 people raises 100,000 events; arrays of that size as parameters
/// cost several times more to send and unpack than a COPY stream).
/// </summary>
public sealed class OutboxWriter(SubscriberRegistry subscribers, ICorrelation correlation)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>From this many events on, they are written by COPY.</summary>
    public const int CopyThreshold = 1_000;

    internal async Task WriteAsync(DbSession session, IReadOnlyCollection<IntegrationEvent> events, CancellationToken ct)
    {
        if (events.Count >= CopyThreshold)
        {
            await CopyAsync(session, events, ct);
            return;
        }
        var ids = new Guid[events.Count];
        var types = new string[events.Count];
        var payloads = new string[events.Count];
        var occurred = new DateTimeOffset[events.Count];
        var deliveryEvents = new List<Guid>();
        var deliverySubscribers = new List<string>();
        var i = 0;
        foreach (var e in events)
        {
            var type = e.GetType();
            ids[i] = e.EventId;
            types[i] = SubscriberRegistry.NameOf(type);
            payloads[i] = JsonSerializer.Serialize(e, type, Json);
            occurred[i] = e.OccurredAt;
            foreach (var subscriber in subscribers.SubscribersOf(type))
            {
                deliveryEvents.Add(e.EventId);
                deliverySubscribers.Add(subscriber.Name);
            }
            i++;
        }
        var s = session.Schema;
        await session.ExecuteAsync($"""
            insert into {s}.outbox (event_id, event_type, payload, occurred_at, correlation_id)
            select id, type, payload::jsonb, occurred, @correlation
            from unnest(@ids, @types, @payloads, @occurred) as e(id, type, payload, occurred);
            insert into {s}.outbox_delivery (event_id, subscriber)
            select * from unnest(@deliveryEvents, @deliverySubscribers);
            """,
            new
            {
                ids, types, payloads, occurred = occurred.Select(o => o.UtcDateTime).ToArray(),
                correlation = correlation.Id,
                deliveryEvents = deliveryEvents.ToArray(), deliverySubscribers = deliverySubscribers.ToArray(),
            }, ct);
    }

    private async Task CopyAsync(DbSession session, IReadOnlyCollection<IntegrationEvent> events, CancellationToken ct)
    {
        var connection = await session.ConnectionAsync(ct);
        var s = session.Schema;
        var deliveries = new List<(Guid EventId, string Subscriber)>();
        await using (var writer = await connection.BeginBinaryImportAsync(
            $"copy {s}.outbox (event_id, event_type, payload, occurred_at, correlation_id) from stdin (format binary)", ct))
        {
            foreach (var e in events)
            {
                var type = e.GetType();
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(e.EventId, NpgsqlDbType.Uuid, ct);
                await writer.WriteAsync(SubscriberRegistry.NameOf(type), NpgsqlDbType.Text, ct);
                await writer.WriteAsync(JsonSerializer.Serialize(e, type, Json), NpgsqlDbType.Jsonb, ct);
                await writer.WriteAsync(e.OccurredAt.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
                await writer.WriteAsync(correlation.Id, NpgsqlDbType.Text, ct);
                foreach (var subscriber in subscribers.SubscribersOf(type)) deliveries.Add((e.EventId, subscriber.Name));
            }
            await writer.CompleteAsync(ct);
        }
        if (deliveries.Count == 0) return;
        await using (var writer = await connection.BeginBinaryImportAsync($"copy {s}.outbox_delivery (event_id, subscriber) from stdin (format binary)", ct))
        {
            foreach (var (eventId, subscriber) in deliveries)
            {
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(eventId, NpgsqlDbType.Uuid, ct);
                await writer.WriteAsync(subscriber, NpgsqlDbType.Text, ct);
            }
            await writer.CompleteAsync(ct);
        }
    }
}
