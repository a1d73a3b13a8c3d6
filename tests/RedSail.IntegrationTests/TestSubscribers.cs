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

internal static class TestSubscribers
{
    public static Action<IServiceCollection> Register<T>() where T : class => services =>
    {
        services.AddScoped<T>();
        services.AddSingleton(new SubscriberRegistration(typeof(T), typeof(OrganizationCreated), AnalyticsModule.Schema));
    };

    public static Task CreateEffectTableAsync(TestHost host) => host.ExecuteAsync("""
        create table if not exists analytics.test_effect (event_id uuid not null, subscriber text not null);
        grant select, insert on analytics.test_effect to redsail_analytics;
        """);
}
