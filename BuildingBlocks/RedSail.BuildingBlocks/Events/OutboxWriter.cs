using System.Text.Json;
using RedSail.BuildingBlocks.Access;
using RedSail.BuildingBlocks.Data;

namespace RedSail.BuildingBlocks.Events;

/// <summary>Writes events and one delivery row per subscriber into the sender's own schema, set-based.</summary>
public sealed class OutboxWriter(SubscriberRegistry subscribers, ICorrelation correlation)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    internal async Task WriteAsync(DbSession session, IReadOnlyCollection<IntegrationEvent> events, CancellationToken ct)
    {
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
}
