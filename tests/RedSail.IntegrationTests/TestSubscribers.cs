using MediatR;
using Microsoft.Extensions.DependencyInjection;
using RedSail.BuildingBlocks.Events;
using RedSail.Modules.Analytics;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Testing;

namespace RedSail.IntegrationTests;

/// <summary>
/// Subscribers living in the Analytics module's schema for these tests: each records its effect in
/// analytics.test_effect in the same transaction as its inbox row, so duplicates would show as extra rows.
/// </summary>
internal sealed class RecordingSubscriber(AnalyticsDb db) : INotificationHandler<OrganizationCreated>
{
    public Task Handle(OrganizationCreated e, CancellationToken ct) =>
        db.ExecuteAsync("insert into analytics.test_effect (event_id, subscriber) values (@EventId, 'recording')", e, ct);
}

/// <summary>Fails on the root organisation's event while <see cref="Failing"/> is set; records the others.</summary>
internal sealed class FlakySubscriber(AnalyticsDb db) : INotificationHandler<OrganizationCreated>
{
    public static volatile bool Failing = true;

    public Task Handle(OrganizationCreated e, CancellationToken ct)
    {
        if (Failing && e.ParentId is null) throw new InvalidOperationException("simulated subscriber failure");
        return db.ExecuteAsync("insert into analytics.test_effect (event_id, subscriber) values (@EventId, 'flaky')", e, ct);
    }
}

/// <summary>
/// A batch receiver: records each event with the size of the batch it came in; while <see cref="Failing"/> is set, a batch
/// holding the root organisation's event fails after recording (so the rollback shows).
/// </summary>
internal sealed class RecordingBatch(AnalyticsDb db) : IBatchSubscriber
{
    public static volatile bool Failing;

    public async Task HandleAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken ct)
    {
        await db.ExecuteAsync("insert into analytics.test_effect (event_id, subscriber) select unnest(@ids), @name",
            new { ids = events.Select(e => e.EventId).ToArray(), name = $"batch:{events.Count}" }, ct);
        if (Failing && events.OfType<OrganizationCreated>().Any(e => e.ParentId is null)) throw new InvalidOperationException("simulated batch failure");
    }
}

/// <summary>The one-by-one path of <see cref="RecordingBatch"/>: fails on the root organisation while the batch does.</summary>
internal sealed class BatchedSubscriber(AnalyticsDb db) : INotificationHandler<OrganizationCreated>, IDeliveredInBatchesBy<RecordingBatch>
{
    public Task Handle(OrganizationCreated e, CancellationToken ct)
    {
        if (RecordingBatch.Failing && e.ParentId is null) throw new InvalidOperationException("simulated subscriber failure");
        return db.ExecuteAsync("insert into analytics.test_effect (event_id, subscriber) values (@EventId, 'one')", e, ct);
    }
}

internal static class TestSubscribers
{
    public static Action<IServiceCollection> Register<T>() where T : class => services =>
    {
        services.AddScoped<T>();
        services.AddSingleton(new SubscriberRegistration(typeof(T), typeof(OrganizationCreated), AnalyticsModule.Schema));
    };

    public static Action<IServiceCollection> RegisterBatched() => services =>
    {
        Register<BatchedSubscriber>()(services);
        services.AddScoped<RecordingBatch>();
    };

    public static Task CreateEffectTableAsync(TestHost host) => host.ExecuteAsync("""
        create table if not exists analytics.test_effect (event_id uuid not null, subscriber text not null);
        grant select, insert on analytics.test_effect to redsail_analytics;
        """);
}
