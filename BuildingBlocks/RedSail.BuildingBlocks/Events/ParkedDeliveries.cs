using Dapper;
using RedSail.BuildingBlocks.Data;
using RedSail.BuildingBlocks.Modules;

namespace RedSail.BuildingBlocks.Events;

public sealed record ParkedDelivery(string Module, Guid EventId, string EventType, string Subscriber, int Attempts, string? LastError, DateTime OccurredAt);

/// <summary>One delivery of an event to one subscriber, whatever became of it: delivered, pending (with its next attempt) or parked.</summary>
public sealed class DeliveryRecord
{
    public string Module { get; init; } = "";
    public Guid EventId { get; init; }
    public string EventType { get; init; } = "";
    public string Subscriber { get; init; } = "";
    public string Status { get; init; } = "";
    public int Attempts { get; init; }
    public string? LastError { get; init; }
    public DateTime OccurredAt { get; init; }
    public DateTime? DeliveredAt { get; init; }
    public DateTime? NextAttemptAt { get; init; }
    public DateTime? ParkedAt { get; init; }
}

/// <summary>What the system administrator sees of deliveries that gave up, and how they are sent again.</summary>
public sealed class ParkedDeliveries(ModuleCatalog catalog, ModuleDataSources sources, OutboxDispatcher dispatcher)
{
    public async Task<IReadOnlyList<ParkedDelivery>> ListAsync(int limit, CancellationToken ct)
    {
        var result = new List<ParkedDelivery>();
        foreach (var module in catalog.All)
        {
            await using var connection = await sources.For(module.Schema).OpenConnectionAsync(ct);
            result.AddRange(await connection.QueryAsync<ParkedDelivery>(new CommandDefinition($"""
                select @Module as module, d.event_id, o.event_type, d.subscriber, d.attempts, d.last_error, o.occurred_at
                from {module.Schema}.outbox_delivery d join {module.Schema}.outbox o on o.event_id = d.event_id
                where d.parked_at is not null
                order by d.parked_at desc limit @limit
                """, new { Module = module.Schema, limit }, cancellationToken: ct)));
        }
        return result;
    }

    /// <summary>
    /// The latest deliveries to the named subscribers (e.g. the OA to-do pushes), newest first, across all modules' outboxes,
    /// optionally of one status (delivered, pending, parked). A parked one goes back in line with <see cref="RetryAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<DeliveryRecord>> ListOfSubscribersAsync(IReadOnlyCollection<string> subscribers, string? status, int limit,
        CancellationToken ct)
    {
        var result = new List<DeliveryRecord>();
        foreach (var module in catalog.All)
        {
            await using var connection = await sources.For(module.Schema).OpenConnectionAsync(ct);
            result.AddRange(await connection.QueryAsync<DeliveryRecord>(new CommandDefinition($"""
                select * from (
                    select @Module as module, d.event_id, o.event_type, d.subscriber, d.attempts, d.last_error, o.occurred_at,
                           d.delivered_at, d.next_attempt_at, d.parked_at,
                           case when d.delivered_at is not null then 'delivered' when d.parked_at is not null then 'parked' else 'pending' end as status
                    from {module.Schema}.outbox_delivery d join {module.Schema}.outbox o on o.event_id = d.event_id
                    where d.subscriber = any(@subscribers)) deliveries
                where @status::text is null or status = @status
                order by occurred_at desc limit @limit
                """, new { Module = module.Schema, subscribers = subscribers.ToArray(), status, limit }, cancellationToken: ct)));
        }
        return result.OrderByDescending(d => d.OccurredAt).Take(limit).ToList();
    }

    /// <summary>Puts a parked delivery back in line; false when there is no such parked delivery.</summary>
    public async Task<bool> RetryAsync(string module, Guid eventId, string subscriber, CancellationToken ct)
    {
        var schema = catalog.All.FirstOrDefault(m => m.Schema == module)?.Schema;
        if (schema is null) return false;
        await using var connection = await sources.For(schema).OpenConnectionAsync(ct);
        var changed = await connection.ExecuteAsync(new CommandDefinition($"""
            update {schema}.outbox_delivery set parked_at = null, attempts = 0, next_attempt_at = now(), last_error = null
            where event_id = @eventId and subscriber = @subscriber and parked_at is not null
            """, new { eventId, subscriber }, cancellationToken: ct));
        if (changed > 0) dispatcher.Signal();
        return changed > 0;
    }
}
