using System.Net;
using NUnit.Framework;
using RedSail.Testing;

namespace RedSail.FaultTests;

/// <summary>
/// kill -9 between commit and delivery: a host that writes but does not deliver (Outbox:Enabled=false) records people and is
/// killed; the next host delivers, and is itself killed once a random share of the deliveries is made; the third finishes. Every event
/// reaches every subscriber once in effect: the receivers' read models hold each person once, and Analytics' counters (which
/// add on every applied event, so a duplicate would show) grew by exactly the number of people.
/// </summary>
public sealed class OutboxKillTests : HostScenario
{
    private const int PeoplePerTrial = 30;

    protected override bool StartWithOutbox => false;

    private Task<long> AnalyticsFullMembersAsync() => ScalarAsync<long>(
        "select coalesce(sum(count), 0)::bigint from analytics.member_count_now where organization_id = @b and dimension = 'status' and bucket = 'full_member'",
        ("b", Branch));

    [Test]
    public async Task Every_event_is_delivered_after_restart_and_none_has_a_second_effect()
    {
        var report = FaultReport.Begin("kill -9 between commit and event delivery",
            $"{PeoplePerTrial} people recorded by a host with delivery off, kill -9; a host with delivery on killed when a random share " +
            "(10–90 %) of the deliveries is made; a third host finishes: every delivery made, none parked, each person once in Workflow, Honors, " +
            "Archives and Analytics, Analytics' counter +" + PeoplePerTrial + " exactly (a duplicate effect would add more).");
        await RunTrialsAsync(report, async trial =>
        {
            if (trial > 1) await Host.RestartAsync(outbox: false);
            var before = await AnalyticsFullMembersAsync();
            var ids = new List<Guid>();
            for (var i = 0; i < PeoplePerTrial; i++)
            {
                var (body, _) = NewPerson("投递");
                ids.Add((await JsonAsync(await Client.PostAsync("/api/personnel/people", body), HttpStatusCode.Created)).GetProperty("id").GetGuid());
            }
            var pending = await FaultRun.Undelivered(TestCluster.Server.ConnectionString(Database));
            Require(pending > 0, "the writing host delivered events although its outbox was off");
            await Host.KillAsync();

            // the delivering host dies once a random share (10–90 %) of the deliveries is made
            var connection = TestCluster.Server.ConnectionString(Database);
            var killAt = (long)(pending * (0.1 + 0.8 * Random.Shared.NextDouble()));
            await Host.StartAsync(waitUntilHealthy: false);
            var left = pending;
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (left > pending - killAt && left > 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(10);
                left = await FaultRun.Undelivered(connection);
            }
            await Host.KillAsync();
            left = await FaultRun.Undelivered(connection);
            report.Count(left > 0 ? "delivery cut by kill -9" : "delivery finished before the kill");
            await Host.StartAsync();
            Require(await Eventually.HoldsAsync(async () => await FaultRun.Undelivered(TestCluster.Server.ConnectionString(Database)) == 0, 120_000),
                "deliveries still pending 2 minutes after the restart");

            var idArray = ids.ToArray();
            var events = await ScalarAsync<long>(
                "select count(*) from personnel.outbox where event_type = 'PersonRecorded' and (payload->>'personId')::uuid = any(@ids)", ("ids", idArray));
            Require(events == PeoplePerTrial, $"{events} PersonRecorded events for {PeoplePerTrial} people");
            var parked = await ScalarAsync<long>("""
                select count(*) from personnel.outbox_delivery d join personnel.outbox o using (event_id)
                where (o.payload->>'personId')::uuid = any(@ids) and (d.delivered_at is null or d.parked_at is not null)
                """, ("ids", idArray));
            Require(parked == 0, $"{parked} deliveries not made or parked");
            foreach (var table in new[] { "workflow.person", "honors.person", "archives.person" })
            {
                var present = await ScalarAsync<long>($"select count(*) from {table} where id = any(@ids)", ("ids", idArray));
                if (present < PeoplePerTrial) report.Lost += PeoplePerTrial - present;
                Require(present == PeoplePerTrial, $"{table}: {present} of {PeoplePerTrial} people");
            }
            var members = await ScalarAsync<long>("select count(*) from analytics.member where person_id = any(@ids)", ("ids", idArray));
            Require(members == PeoplePerTrial, $"analytics.member: {members} of {PeoplePerTrial} people");
            var grown = await AnalyticsFullMembersAsync() - before;
            if (grown > PeoplePerTrial) report.Count("duplicate effects", grown - PeoplePerTrial);
            Require(grown == PeoplePerTrial, $"Analytics' full-member count of the branch grew by {grown}, expected {PeoplePerTrial}");
            report.Count("events delivered", events);
        });
    }
}
