using Dapper;
using RedSail.BuildingBlocks.Data;
using RedSail.BuildingBlocks.Modules;

namespace RedSail.BuildingBlocks.Events;

public sealed record ParkedDelivery(string Module, Guid EventId, string EventType, string Subscriber, int Attempts, string? LastError, DateTime OccurredAt);

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
