using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using RedSail.BuildingBlocks.Access;
using RedSail.BuildingBlocks.Events;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Testing;

namespace RedSail.IntegrationTests;

/// <summary>Integration events: committed with the change, delivered at least once, applied exactly once.</summary>
public sealed class OutboxTests
{
    private const int DemoOrganizations = 1 + 16 * 3 + 2 + 3 + 1 + 1;
    private static readonly Dictionary<string, string?> ManualDispatch = new() { ["Outbox:Enabled"] = "false" };

    [Test]
    public async Task Events_reach_a_subscriber_in_another_module()
    {
        await using var host = await TestHost.StartFreshAsync();
        await host.SendAsync(new SeedDemoData());

        var delivered = await Eventually.HoldsAsync(async () => await host.ScalarAsync<long>("select count(*) from platform.organization") == DemoOrganizations);
        // The demo's people, records and committees go to Workflow too: wait for every delivery, not only the platform's.
        var allDelivered = await Eventually.HoldsAsync(async () =>
            await host.ScalarAsync<long>("select count(*) from personnel.outbox_delivery where delivered_at is null") == 0, 30000);

        Assert.Multiple(async () =>
        {
            Assert.That(delivered && allDelivered, Is.True, "the platform's organisation copy was filled from Personnel's events");
            // Only Personnel's events: Workflow may announce to-dos for the demo's terms ending soon, depending on today's date.
            Assert.That(await host.ScalarAsync<long>("select count(*) from platform.inbox i where exists (select 1 from personnel.outbox o where o.event_id = i.event_id)"),
                Is.EqualTo(DemoOrganizations));
            Assert.That(await host.ScalarAsync<long>("select count(*) from personnel.outbox_delivery where delivered_at is null"), Is.Zero);
        });
    }

    [Test]
    public async Task An_event_committed_before_a_crash_is_delivered_after_restart()
    {
        var database = await TestCluster.CreateDatabaseAsync();
        await using (var crashed = await TestHost.StartAsync(database, ManualDispatch))
        {
            await crashed.SendAsync(new SeedDemoData());
            Assert.That(await crashed.ScalarAsync<long>("select count(*) from platform.organization"), Is.Zero, "nothing delivered before the crash");
        } // the process ends between commit and delivery

        await using var restarted = await TestHost.StartAsync(database);
        var delivered = await Eventually.HoldsAsync(async () => await restarted.ScalarAsync<long>("select count(*) from platform.organization") == DemoOrganizations);
        Assert.That(delivered, Is.True);
    }

    [Test]
    public async Task A_redelivery_has_no_second_effect()
    {
        await using var host = await TestHost.StartFreshAsync(ManualDispatch, TestSubscribers.Register<RecordingSubscriber>());
        await TestSubscribers.CreateEffectTableAsync(host);
        var dispatcher = host.Services.GetRequiredService<OutboxDispatcher>();
        await host.SendAsync(new SeedDemoData());
        await KeepDeliveriesAsync(host);
        while (await dispatcher.DispatchDueAsync() > 0) { }
        Assert.That(await host.ScalarAsync<long>("select count(*) from analytics.test_effect"), Is.EqualTo(DemoOrganizations));

        var people = await host.ScalarAsync<long>("select count(*) from workflow.person");
        var analyticsCounts = await host.ScalarAsync<string>(AnalyticsCountsDigest);
        var analyticsLogged = await host.ScalarAsync<long>("select count(*) from analytics.event_log");
        // As if the host died after the subscribers committed but before the sender marked the deliveries done (or took a
        // batch's off the outbox).
        var deliveries = await DeliverAgainAsync(host);
        var redelivered = 0;
        while (await dispatcher.DispatchDueAsync() is > 0 and var n) redelivered += n;

        Assert.Multiple(async () =>
        {
            // The dispatcher serves every module's outbox: scheduled jobs of other modules may have something due meanwhile.
            Assert.That(redelivered, Is.GreaterThanOrEqualTo(deliveries), "every subscriber was sent every event again");
            Assert.That(await host.ScalarAsync<long>("select count(*) from workflow.person"), Is.EqualTo(people));
            Assert.That(await host.ScalarAsync<long>("select count(*) from analytics.test_effect"), Is.EqualTo(DemoOrganizations));
            Assert.That(await host.ScalarAsync<long>("select count(*) from platform.organization"), Is.EqualTo(DemoOrganizations));
            Assert.That(await host.ScalarAsync<long>("select count(*) from personnel.outbox_delivery where delivered_at is null"), Is.Zero);
            // Analytics' batches keep no inbox rows: its event log recognises the events it applied.
            Assert.That(await host.ScalarAsync<string>(AnalyticsCountsDigest), Is.EqualTo(analyticsCounts));
            Assert.That(await host.ScalarAsync<long>("select count(*) from analytics.event_log"), Is.EqualTo(analyticsLogged));
            Assert.That(await host.ScalarAsync<long>("select count(*) from analytics.inbox where subscriber like '%.Analytics.Features.ReadModel.%'"), Is.Zero);
        });
    }

    /// <summary>Keeps a copy of Personnel's delivery rows as written, before a batch takes its own off the outbox.</summary>
    private static Task KeepDeliveriesAsync(TestHost host) =>
        host.ExecuteAsync("create table public.kept_delivery as select event_id, subscriber from personnel.outbox_delivery");

    /// <summary>
    /// Makes every kept delivery due again, as if the sender never heard back from the receivers: the marked ones unmarked,
    /// the ones a batch took put back. Returns how many there are.
    /// </summary>
    private static async Task<long> DeliverAgainAsync(TestHost host)
    {
        await host.ExecuteAsync("""
            insert into personnel.outbox_delivery (event_id, subscriber) select event_id, subscriber from public.kept_delivery
            on conflict (event_id, subscriber) do update set delivered_at = null
            """);
        return await host.ScalarAsync<long>("select count(*) from public.kept_delivery");
    }

    /// <summary>Analytics' counts, pending deltas included (a fold meanwhile may leave rows of 0), as one string.</summary>
    private const string AnalyticsCountsDigest = """
        select md5(coalesce(string_agg(organization_id || dimension || bucket || count, ',' order by organization_id, dimension, bucket), ''))
        from analytics.member_count_now where count <> 0
        """;

    [Test]
    public async Task A_large_batch_of_events_is_written_by_copy_and_delivered_like_a_small_one()
    {
        await using var host = await TestHost.StartFreshAsync(ManualDispatch, TestSubscribers.Register<RecordingSubscriber>());
        await TestSubscribers.CreateEffectTableAsync(host);
        const int count = OutboxWriter.CopyThreshold + 500;
        var events = Enumerable.Range(0, count).Select(i =>
        {
            var id = Guid.CreateVersion7();
            return (IntegrationEvent)new OrganizationCreated(id, null, $"BULK-{i}", $"批量组织{i}", "committee", id.ToString("N"));
        }).ToList();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<RequestContext>().Id = "bulk-correlation";
            var db = scope.ServiceProvider.GetRequiredService<RedSail.Modules.Personnel.PersonnelDb>();
            await db.BeginAsync(readOnly: false, CancellationToken.None);
            await db.PublishAsync(events);
            await db.CommitAsync(CancellationToken.None);
        }

        var written = await host.ScalarAsync<long>("select count(*) from personnel.outbox_delivery");
        var dispatcher = host.Services.GetRequiredService<OutboxDispatcher>();
        while (await dispatcher.DispatchDueAsync() > 0) { }

        var first = (OrganizationCreated)events[0];
        Assert.Multiple(async () =>
        {
            Assert.That(await host.ScalarAsync<long>("select count(*) from personnel.outbox where correlation_id = 'bulk-correlation'"), Is.EqualTo(count));
            Assert.That(await host.ScalarAsync<string>("select payload->>'code' from personnel.outbox where event_id = @id", ("id", first.EventId)),
                Is.EqualTo("BULK-0"));
            // every module's copy of the tree, Analytics' event log and the test's recording subscriber
            var subscribers = host.Services.GetRequiredService<SubscriberRegistry>().SubscribersOf(typeof(OrganizationCreated));
            var batched = subscribers.Count(s => s.BatchType is not null);
            Assert.That(subscribers, Has.Count.GreaterThanOrEqualTo(3));
            Assert.That(batched, Is.GreaterThanOrEqualTo(1), "Analytics' event log");
            Assert.That(written, Is.EqualTo((long)subscribers.Count * count), "one delivery per subscriber");
            Assert.That(await host.ScalarAsync<long>("select count(*) from personnel.outbox_delivery where delivered_at is not null"),
                Is.EqualTo((long)(subscribers.Count - batched) * count), "the one-by-one deliveries marked, the batched ones taken off");
            Assert.That(await host.ScalarAsync<long>("select count(*) from personnel.outbox_delivery where delivered_at is null"), Is.Zero);
            Assert.That(await host.ScalarAsync<long>("select count(*) from workflow.organization where name like '批量组织%'"), Is.EqualTo(count));
            Assert.That(await host.ScalarAsync<long>("select count(*) from analytics.test_effect"), Is.EqualTo(count));
            Assert.That(await host.ScalarAsync<long>("select count(*) from platform.organization where name like '批量组织%'"), Is.EqualTo(count));
        });
    }

    [Test]
    public async Task A_failing_subscriber_is_retried_then_parked_without_holding_up_others()
    {
        FlakySubscriber.Failing = true;
        var settings = new Dictionary<string, string?>(ManualDispatch) { ["Outbox:MaxAttempts"] = "3", ["Outbox:FirstRetryDelay"] = "00:00:00.020" };
        await using var host = await TestHost.StartFreshAsync(settings, TestSubscribers.Register<FlakySubscriber>());
        await TestSubscribers.CreateEffectTableAsync(host);
        var dispatcher = host.Services.GetRequiredService<OutboxDispatcher>();
        await host.SendAsync(new SeedDemoData());

        var parked = await Eventually.HoldsAsync(async () =>
        {
            await dispatcher.DispatchDueAsync();
            return await host.ScalarAsync<long>("select count(*) from personnel.outbox_delivery where parked_at is not null") == 1;
        }, 60000); // the retries come after the whole demo's backlog of deliveries (next_attempt_at order)
        var list = (await host.Services.GetRequiredService<ParkedDeliveries>().ListAsync(10, CancellationToken.None)).Where(d => d.Module == "personnel").ToList();

        Assert.Multiple(async () =>
        {
            Assert.That(parked, Is.True);
            Assert.That(await host.ScalarAsync<long>("select count(*) from platform.organization"), Is.EqualTo(DemoOrganizations), "the other subscriber got every event");
            Assert.That(await host.ScalarAsync<long>("select count(*) from analytics.test_effect"), Is.EqualTo(DemoOrganizations - 1), "later events passed the failing one");
            Assert.That(list, Has.Count.EqualTo(1));
            Assert.That(list[0].Attempts, Is.EqualTo(3));
            Assert.That(list[0].LastError, Does.Contain("simulated subscriber failure"));
        });

        FlakySubscriber.Failing = false; // the cause is mended; the administrator sends it again
        var retried = await host.Services.GetRequiredService<ParkedDeliveries>().RetryAsync(list[0].Module, list[0].EventId, list[0].Subscriber, CancellationToken.None);
        while (await dispatcher.DispatchDueAsync() > 0) { }

        Assert.Multiple(async () =>
        {
            Assert.That(retried, Is.True);
            Assert.That(await host.ScalarAsync<long>("select count(*) from analytics.test_effect"), Is.EqualTo(DemoOrganizations));
            Assert.That(await host.ScalarAsync<long>("select count(*) from personnel.outbox_delivery where parked_at is not null"), Is.Zero);
        });
    }

    [Test]
    public async Task A_batch_subscriber_gets_the_deliveries_together_and_a_redelivery_has_no_second_effect()
    {
        RecordingBatch.Failing = false;
        await using var host = await TestHost.StartFreshAsync(ManualDispatch, TestSubscribers.RegisterBatched());
        await TestSubscribers.CreateEffectTableAsync(host);
        var dispatcher = host.Services.GetRequiredService<OutboxDispatcher>();
        await host.SendAsync(new SeedDemoData());
        await KeepDeliveriesAsync(host);
        while (await dispatcher.DispatchDueAsync() > 0) { }
        var batchedLeft = await host.ScalarAsync<long>("select count(*) from personnel.outbox_delivery where subscriber like '%.BatchedSubscriber'");
        await DeliverAgainAsync(host);
        while (await dispatcher.DispatchDueAsync() > 0) { }

        Assert.Multiple(async () =>
        {
            Assert.That(await host.ScalarAsync<long>("select count(*) from analytics.test_effect"), Is.EqualTo(DemoOrganizations), "each event once");
            Assert.That(await host.ScalarAsync<long>("select count(*) from analytics.test_effect where subscriber = 'one'"), Is.Zero, "none one by one");
            Assert.That(batchedLeft, Is.Zero, "the batch's deliveries were taken off the outbox");
            Assert.That(await host.ScalarAsync<long>("select count(distinct subscriber) from analytics.test_effect"), Is.EqualTo(1), "one batch");
            Assert.That(await host.ScalarAsync<long>("select count(*) from personnel.outbox_delivery where delivered_at is null"), Is.Zero);
        });
    }

    [Test]
    public async Task A_failing_batch_is_delivered_one_by_one_and_only_the_bad_event_is_parked()
    {
        RecordingBatch.Failing = true;
        var settings = new Dictionary<string, string?>(ManualDispatch) { ["Outbox:MaxAttempts"] = "2", ["Outbox:FirstRetryDelay"] = "00:00:00.020" };
        await using var host = await TestHost.StartFreshAsync(settings, TestSubscribers.RegisterBatched());
        await TestSubscribers.CreateEffectTableAsync(host);
        var dispatcher = host.Services.GetRequiredService<OutboxDispatcher>();
        await host.SendAsync(new SeedDemoData());

        var parked = await Eventually.HoldsAsync(async () =>
        {
            await dispatcher.DispatchDueAsync();
            return await host.ScalarAsync<long>("select count(*) from personnel.outbox_delivery where parked_at is not null") == 1;
        }, 60000);
        RecordingBatch.Failing = false;

        Assert.Multiple(async () =>
        {
            Assert.That(parked, Is.True);
            Assert.That(await host.ScalarAsync<long>("select count(*) from analytics.test_effect where subscriber like 'batch:%'"), Is.Zero,
                "the failed batch left nothing behind");
            Assert.That(await host.ScalarAsync<long>("select count(*) from analytics.test_effect where subscriber = 'one'"), Is.EqualTo(DemoOrganizations - 1),
                "every other event was applied one by one");
            Assert.That(await host.ScalarAsync<string>("select last_error from personnel.outbox_delivery where parked_at is not null"),
                Does.Contain("simulated subscriber failure"));
        });
    }
}
