using System.Collections.Concurrent;
using System.Text.Json;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Dapper;
using RedSail.BuildingBlocks.Access;
using RedSail.BuildingBlocks.Data;
using RedSail.BuildingBlocks.Modules;

namespace RedSail.BuildingBlocks.Events;

public sealed class OutboxOptions
{
    /// <summary>Off in a host that must only write (tests that simulate a crash before delivery).</summary>
    public bool Enabled { get; init; } = true;
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>
    /// Deliveries claimed per round and outbox, and the most a batch subscriber gets in one transaction: 2,000 rather than
    /// 1,000 gave Analytics' read models 8–19 % more events per second at 1,000,000 people, 4,000 rather than 2,000 another
    /// 4–10 % with the background fold beside them (docs/benchmarks.md). A round of one-by-one deliveries that size takes
    /// about 10 s at the fallback's 400 a second, well within the <see cref="Lease"/>.
    /// </summary>
    public int BatchSize { get; init; } = 4_000;
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(1);
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromSeconds(2);
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(10);
    /// <summary>After this many failed attempts a delivery is parked for the system administrator.</summary>
    public int MaxAttempts { get; init; } = 10;
    /// <summary>
    /// Dispatch loops side by side in one host, as several hosts' would run: their claims never overlap (SKIP LOCKED), and
    /// subscribers already take deliveries out of order (a retried one comes after later ones). One loop kept one core busy
    /// with a burst of events while the other waited (docs/benchmarks.md).
    /// </summary>
    public int Workers { get; init; } = 2;
}

/// <summary>
/// Delivers integration events from every module's outbox to each subscriber separately: a subscriber's
/// effect and its inbox row commit together in the receiver's schema, so a redelivery (after a crash
/// between the two commits) is recognised and changes nothing. A failing subscriber is retried with
/// exponential back-off and parked after <see cref="OutboxOptions.MaxAttempts"/>; it never holds up other
/// subscribers or later events. Deliveries are claimed with a lease (<c>FOR UPDATE SKIP LOCKED</c>), so
/// several hosts can dispatch side by side. Deliveries to subscribers that a <see cref="IBatchSubscriber"/> takes are
/// handed to it together, one transaction per round, and taken off the outbox instead of leased and marked
/// (<see cref="DispatchBatchAsync"/>; falling back to one by one if the batch fails). Deliveries are claimed in the order
/// they were written, but two loops, several hosts and retries overlap them: a subscriber whose change needs the row an
/// earlier event creates says so (<see cref="EventArrivedEarlyException"/>) and is retried until that event has arrived.
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    ModuleCatalog catalog,
    ModuleDataSources sources,
    SubscriberRegistry registry,
    OutboxOptions options,
    ILogger<OutboxDispatcher> log) : BackgroundService
{
    /// <summary>The dispatch loops this host runs (<see cref="OutboxOptions.Workers"/>, at least one).</summary>
    private int Loops => Math.Max(1, options.Workers);
    private readonly SemaphoreSlim _signal = new(0, Math.Max(1, options.Workers)); // one release per loop (Loops)
    private static readonly ConcurrentDictionary<Type, Func<object, IntegrationEvent, CancellationToken, Task>> Invokers = new();

    /// <summary>Wakes the dispatcher now instead of at the next poll (called after a command that wrote events commits).</summary>
    public void Signal()
    {
        var asleep = Loops - _signal.CurrentCount;
        if (asleep > 0)
        {
            try { _signal.Release(asleep); } catch (SemaphoreFullException) { }
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Enabled ? Task.WhenAll(Enumerable.Range(0, Loops).Select(_ => LoopAsync(stoppingToken))) : Task.CompletedTask;

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // the loops run side by side, not the first until it waits
        while (!stoppingToken.IsCancellationRequested)
        {
            var delivered = 0;
            try
            {
                delivered = await DispatchDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Outbox dispatch round failed; retrying after the poll interval");
            }
            if (delivered > 0) continue;
            try { await _signal.WaitAsync(options.PollInterval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>One round over every module's outbox; returns how many deliveries were attempted.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken ct = default)
    {
        var attempted = 0;
        foreach (var module in catalog.All)
            attempted += await DispatchDueAsync(module.Schema, ct);
        return attempted;
    }

    private async Task<int> DispatchDueAsync(string schema, CancellationToken ct)
    {
        var source = sources.ForBackground(schema); // the receivers' sessions are the background pools' too (Principal.System)
        var attempted = 0;
        foreach (var batch in registry.Batches)
            attempted += await DispatchBatchAsync(source, schema, batch, ct);
        // In the order written (a command's events are written in order, in one statement or COPY, so row position breaks the
        // tie of their equal times): Workflow's CommitteeElected subscriber updates the organisation its OrganizationCreated adds.
        // Only subscribers this host has: a delivery to another version's subscriber waits for a host that has it.
        var claimed = await LeaseAsync(source, schema, "subscriber = any(@subscribers)", "order by next_attempt_at, ctid limit @BatchSize",
            new { subscribers = registry.OneByOne, options.BatchSize }, ct);
        await MarkDeliveredAsync(source, schema, await DeliverOneByOneAsync(source, schema, claimed, ct), ct);
        return attempted + claimed.Count;
    }

    /// <summary>
    /// Delivers up to <see cref="OutboxOptions.BatchSize"/> due deliveries of a batch's subscribers together. They are taken by
    /// deleting them in a transaction of the sender's that stays open while the batch applies them and commits in the receiver,
    /// and commits after it: one write per delivery instead of a lease and a mark (those were 33 µs of an event's 91 of database
    /// time at 1,000,000 people, docs/benchmarks.md).
    /// Its row locks keep other loops and hosts off them meanwhile, as a lease would; if this host dies, the locks go with its
    /// connection, and a host that hangs loses them after the lease's time (<c>idle_in_transaction_session_timeout</c>). A crash
    /// between the two commits delivers them again, which the receiver recognises (its inbox, or
    /// <see cref="IBatchSubscriber.RecognisesRedeliveries"/>). If the batch fails, the deletion is undone and the same
    /// deliveries go one by one through the subscribers, under a lease, each retried and parked alone.
    /// </summary>
    private async Task<int> DispatchBatchAsync(NpgsqlDataSource source, string schema, BatchRoute batch, CancellationToken ct)
    {
        await using var connection = await source.OpenConnectionAsync(ct);
        await using var taking = await connection.BeginTransactionAsync(ct);
        var taken = (await connection.QueryAsync<ClaimedDelivery>(new CommandDefinition($"""
            with taken as (
                delete from {schema}.outbox_delivery
                where ctid = any(array(select ctid from {schema}.outbox_delivery where subscriber = any(@subscribers) and {Due}
                                       limit @BatchSize for update skip locked))
                returning event_id, subscriber, attempts)
            select '' as row_id, t.event_id, t.subscriber, t.attempts, o.event_type, o.payload::text as payload, o.correlation_id
            from taken t join {schema}.outbox o using (event_id)
            """, new { batch.Subscribers, options.BatchSize }, taking,
            cancellationToken: ct))).AsList();
        if (taken.Count == 0) return 0;
        // Set only when something was taken: an idle round costs the one statement above, as the lease's claim did.
        await connection.ExecuteAsync(new CommandDefinition("select set_config('idle_in_transaction_session_timeout', @leaseMs, true)",
            new { leaseMs = ((long)options.Lease.TotalMilliseconds).ToString() }, taking, cancellationToken: ct));
        if (await TryDeliverBatchAsync(batch.BatchType, taken, ct))
        {
            try
            {
                await taking.CommitAsync(ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "{Count} deliveries to {Batch} were applied but not taken off the outbox; they will be recognised when delivered again",
                    taken.Count, batch.BatchType.Name);
            }
            return taken.Count;
        }
        await taking.RollbackAsync(ct);
        var leased = await LeaseAsync(source, schema, "subscriber = any(@subscribers) and event_id = any(@events)", "",
            new { subscribers = batch.Subscribers, events = taken.Select(d => d.EventId).Distinct().ToArray() }, ct);
        await MarkDeliveredAsync(source, schema, await DeliverOneByOneAsync(source, schema, leased, ct), ct);
        return taken.Count;
    }

    /// <summary>A delivery that is due: not done, not parked, its time come, and no other dispatcher's lease on it.</summary>
    private const string Due = "delivered_at is null and parked_at is null and next_attempt_at <= now() and (lease_until is null or lease_until < now())";

    /// <summary>Claims the due deliveries that <paramref name="filter"/> selects with a lease, counting the attempt.</summary>
    private async Task<List<ClaimedDelivery>> LeaseAsync(NpgsqlDataSource source, string schema, string filter, string orderAndLimit, object parameters,
        CancellationToken ct)
    {
        var sql = $"""
            with due as (
                select event_id, subscriber from {schema}.outbox_delivery
                where {filter} and {Due}
                {orderAndLimit}
                for update skip locked)
            update {schema}.outbox_delivery d
            set lease_until = now() + make_interval(secs => @leaseSeconds), attempts = d.attempts + 1
            from due, {schema}.outbox o
            where d.event_id = due.event_id and d.subscriber = due.subscriber and o.event_id = d.event_id
            returning d.ctid::text as row_id, d.event_id, d.subscriber, d.attempts, o.event_type, o.payload::text as payload, o.correlation_id
            """;
        var arguments = new DynamicParameters(parameters);
        arguments.Add("leaseSeconds", options.Lease.TotalSeconds);
        return (await WithConnection(source, c => c.QueryAsync<ClaimedDelivery>(new CommandDefinition(sql, arguments, cancellationToken: ct)))).AsList();
    }

    private async Task<List<ClaimedDelivery>> DeliverOneByOneAsync(NpgsqlDataSource source, string schema, IEnumerable<ClaimedDelivery> deliveries,
        CancellationToken ct)
    {
        var delivered = new List<ClaimedDelivery>();
        foreach (var delivery in deliveries)
        {
            try
            {
                await DeliverAsync(delivery, ct);
                delivered.Add(delivery);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var delay = TimeSpan.FromTicks(Math.Min(options.MaxRetryDelay.Ticks,
                    options.FirstRetryDelay.Ticks * (long)Math.Pow(2, Math.Min(delivery.Attempts - 1, 30))));
                var parked = delivery.Attempts >= options.MaxAttempts;
                // An event that came before the one creating its row is expected while deliveries overlap: no warning, no stack.
                if (e is EventArrivedEarlyException && !parked)
                    log.LogInformation("Delivery of {EventType} {EventId} to {Subscriber} waits for an earlier event (attempt {Attempt}): {Reason}",
                        delivery.EventType, delivery.EventId, delivery.Subscriber, delivery.Attempts, e.Message);
                else
                    log.Log(parked ? LogLevel.Error : LogLevel.Warning, e, "Delivery of {EventType} {EventId} to {Subscriber} failed (attempt {Attempt}){Parked}",
                        delivery.EventType, delivery.EventId, delivery.Subscriber, delivery.Attempts, parked ? "; parked" : "");
                await WithConnection(source, c => c.ExecuteAsync(new CommandDefinition($"""
                    update {schema}.outbox_delivery
                    set lease_until = null, last_error = left(@Error, 2000),
                        next_attempt_at = now() + make_interval(secs => @DelaySeconds),
                        parked_at = case when @Parked then now() end
                    where event_id = @EventId and subscriber = @Subscriber
                    """, new { delivery.EventId, delivery.Subscriber, Error = e.GetType().Name + ": " + e.Message, DelaySeconds = delay.TotalSeconds, Parked = parked },
                    cancellationToken: ct)));
            }
        }
        return delivered;
    }

    /// <remarks>
    /// The claimed rows are found by the row ids the claim returned (<c>ctid</c>: one TID lookup per row, in generic and custom
    /// plans alike, whatever the table's size or statistics), their keys compared as well. Found by key instead, the plan
    /// depended on the statistics: the table grows from nothing to tens of thousands of rows in a burst, and a prepared generic
    /// plan made while it looked small filtered a sequential scan with the array of ids, 77–132 ms a batch of 1,000 instead of
    /// 10–30 (Analytics benchmark, 2026-11-30). A row claimed again by another host after this lease ran out has another row id
    /// now: it is left for that host to mark.
    /// </remarks>
    private static Task MarkDeliveredAsync(NpgsqlDataSource source, string schema, IReadOnlyList<ClaimedDelivery> delivered, CancellationToken ct) =>
        delivered.Count == 0 ? Task.CompletedTask : WithConnection(source, c => c.ExecuteAsync(new CommandDefinition($"""
            update {schema}.outbox_delivery d set delivered_at = now(), lease_until = null, last_error = null
            from unnest(@rows::tid[], @ids, @subscribers) as x(row_id, event_id, subscriber)
            where d.ctid = x.row_id and d.event_id = x.event_id and d.subscriber = x.subscriber
            """, new
            {
                rows = delivered.Select(d => d.RowId).ToArray(),
                ids = delivered.Select(d => d.EventId).ToArray(),
                subscribers = delivered.Select(d => d.Subscriber).ToArray(),
            }, cancellationToken: ct)));

    /// <summary>
    /// Hands the deliveries to their <see cref="IBatchSubscriber"/> in one transaction with their inbox rows (those already in
    /// the inbox were applied before a crash and are left out), or without inbox rows to a batch that
    /// <see cref="IBatchSubscriber.RecognisesRedeliveries"/>. False if anything failed: nothing of it committed.
    /// </summary>
    private async Task<bool> TryDeliverBatchAsync(Type batchType, IReadOnlyList<ClaimedDelivery> deliveries, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<RequestContext>().Principal = Principal.System;
            var receiver = catalog.ForSchema(registry.Subscriber(deliveries[0].Subscriber)!.ReceiverSchema);
            var session = (DbSession)scope.ServiceProvider.GetRequiredService(receiver.SessionType);
            await session.BeginAsync(readOnly: false, ct);
            var batch = (IBatchSubscriber)scope.ServiceProvider.GetRequiredService(batchType);
            var fresh = batch.RecognisesRedeliveries ? deliveries : await NewToInboxAsync(session, receiver.Schema, deliveries, ct);
            var events = fresh.Select(Deserialize).ToList();
            if (events.Count > 0) await batch.HandleAsync(events, ct);
            await session.CommitAsync(ct);
            if (session.WroteEvents) Signal();
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "A batch of {Count} deliveries to {Batch} failed; delivering them one by one", deliveries.Count, batchType.Name);
            return false;
        }
    }

    /// <summary>Records the deliveries in the receiver's inbox; returns those not there before (the others were applied already).</summary>
    private static async Task<IReadOnlyList<ClaimedDelivery>> NewToInboxAsync(DbSession session, string schema, IReadOnlyList<ClaimedDelivery> deliveries,
        CancellationToken ct)
    {
        var fresh = (await session.QueryAsync<InboxRow>(
                $"insert into {schema}.inbox (event_id, subscriber) select * from unnest(@ids, @subscribers) on conflict do nothing returning event_id, subscriber",
                new { ids = deliveries.Select(d => d.EventId).ToArray(), subscribers = deliveries.Select(d => d.Subscriber).ToArray() }, ct))
            .Select(r => (r.EventId, r.Subscriber)).ToHashSet();
        return deliveries.Where(d => fresh.Contains((d.EventId, d.Subscriber))).ToList();
    }

    private IntegrationEvent Deserialize(ClaimedDelivery delivery)
    {
        var eventType = registry.EventType(delivery.EventType)
            ?? throw new InvalidOperationException($"Event type {delivery.EventType} is unknown to this host.");
        return (IntegrationEvent)JsonSerializer.Deserialize(delivery.Payload, eventType, OutboxWriter.Json)!;
    }

    private async Task DeliverAsync(ClaimedDelivery delivery, CancellationToken ct)
    {
        var subscriber = registry.Subscriber(delivery.Subscriber)
            ?? throw new InvalidOperationException($"No subscriber named {delivery.Subscriber} is registered in this host.");
        var integrationEvent = Deserialize(delivery);

        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
        context.Principal = Principal.System;
        if (delivery.CorrelationId is not null) context.Id = delivery.CorrelationId;

        var receiver = catalog.ForSchema(subscriber.ReceiverSchema);
        var session = (DbSession)scope.ServiceProvider.GetRequiredService(receiver.SessionType);
        await session.BeginAsync(readOnly: false, ct);
        var first = await session.ExecuteAsync(
            $"insert into {receiver.Schema}.inbox (event_id, subscriber) values (@EventId, @Subscriber) on conflict do nothing",
            new { delivery.EventId, delivery.Subscriber }, ct);
        if (first == 1)
        {
            var handler = scope.ServiceProvider.GetRequiredService(subscriber.HandlerType);
            await Invoker(integrationEvent.GetType())(handler, integrationEvent, ct);
        }
        await session.CommitAsync(ct);
        if (session.WroteEvents) Signal();
    }

    private static Func<object, IntegrationEvent, CancellationToken, Task> Invoker(Type eventType) =>
        Invokers.GetOrAdd(eventType, t =>
        {
            var method = typeof(OutboxDispatcher).GetMethod(nameof(Invoke), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(t);
            return (Func<object, IntegrationEvent, CancellationToken, Task>)method.CreateDelegate(typeof(Func<object, IntegrationEvent, CancellationToken, Task>));
        });

    private static Task Invoke<TEvent>(object handler, IntegrationEvent e, CancellationToken ct) where TEvent : IntegrationEvent =>
        ((INotificationHandler<TEvent>)handler).Handle((TEvent)e, ct);

    private static async Task<T> WithConnection<T>(NpgsqlDataSource source, Func<NpgsqlConnection, Task<T>> work)
    {
        await using var connection = await source.OpenConnectionAsync();
        return await work(connection);
    }

    private sealed class InboxRow
    {
        public Guid EventId { get; init; }
        public string Subscriber { get; init; } = "";
    }

    private sealed record ClaimedDelivery(string RowId, Guid EventId, string Subscriber, int Attempts, string EventType, string Payload,
        string? CorrelationId);
}
