using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using RedSail.BuildingBlocks.Events;
using RedSail.Modules.Analytics;
using RedSail.Modules.Analytics.Contracts;
using RedSail.Modules.Analytics.Features.ReadModel;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Testing;

namespace RedSail.IntegrationTests;

/// <summary>
/// Analytics' meeting, quota and dues facts are state rows: Workflow's events in order, reversed and each twice, leave the same
/// rows (the newest by occurred_at wins; a removal stays a removal), and a rebuild from the event log gives them again.
/// </summary>
public sealed class AnalyticsWorkflowFactsTests
{
    private static readonly Dictionary<string, string?> ManualDispatch = new() { ["Outbox:Enabled"] = "false" };
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private const string State = """
        select coalesce((select string_agg(concat_ws('/', meeting_id, branch_id, type, held_on, present, removed), ',' order by meeting_id)
                         from analytics.meeting), '')
            || '#' || coalesce((select string_agg(concat_ws('/', branch_id, year, type, per, starts_on, required, held), ',' order by branch_id, year, type, per, starts_on)
                         from analytics.meeting_quota), '')
            || '#' || coalesce((select string_agg(concat_ws('/', organization_id, month, due, paid, members_due, members_paid, members_paid_on_time), ','
                         order by organization_id, month) from analytics.dues_month), '')
        """;

    [Test]
    public async Task Repeated_and_reversed_deliveries_leave_the_newest_state_and_a_rebuild_gives_it_again()
    {
        await using var host = await TestHost.StartFreshAsync(ManualDispatch);
        var events = Events();

        await ReceiveAsync(host, events);
        var inOrder = await host.ScalarAsync<string>(State);
        await host.ExecuteAsync("""
            delete from analytics.meeting; delete from analytics.meeting_quota; delete from analytics.meeting_quota_year; delete from analytics.dues_month;
            delete from analytics.event_log;
            """);

        await ReceiveAsync(host, Enumerable.Reverse(events).SelectMany(e => new[] { e, e }));
        var outOfOrder = await host.ScalarAsync<string>(State);
        var replayed = await host.SendAsync(new RebuildAnalytics());
        var rebuilt = await host.ScalarAsync<string>(State);

        Assert.Multiple(() =>
        {
            Assert.That(inOrder, Does.Contain("/theme_day/2025-03-20/9/f").And.Contain("/group_meeting/2025-03-05/4/t").And.Contain("/month/2025-03-01/1/1")
                .And.Contain("/2025-03-01/120.00/100.00/4/3/2"), "the newest of each");
            Assert.That(inOrder, Does.Not.Contain("/2025-03-01/120.00/80.00").And.Not.Contain("/month/2025-03-01/1/0"), "older states were replaced");
            Assert.That(outOfOrder, Is.EqualTo(inOrder));
            Assert.That(replayed, Is.EqualTo(events.Count), "each event was logged once");
            Assert.That(rebuilt, Is.EqualTo(inOrder));
        });
    }

    /// <summary>Logs and applies each event in its own transaction, as the subscribers do.</summary>
    internal static async Task ReceiveAsync(TestHost host, IEnumerable<IntegrationEvent> events)
    {
        foreach (var e in events)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AnalyticsDb>();
            await db.BeginAsync(readOnly: false, CancellationToken.None);
            await Projection.ReceiveAsync(db, [e], CancellationToken.None);
            await db.CommitAsync(CancellationToken.None);
        }
    }

    private static List<IntegrationEvent> Events()
    {
        var clock = 0;
        T At<T>(T e) where T : IntegrationEvent => e with { OccurredAt = Start.AddMinutes(++clock) };
        Guid branch = Guid.NewGuid(), group = Guid.NewGuid(), kept = Guid.NewGuid(), removed = Guid.NewGuid();
        var march = new DateOnly(2025, 3, 1);
        MeetingQuotaCount[] Quotas(int held) =>
            [new("theme_day", "month", march, new DateOnly(2025, 3, 31), 1, held), new("party_lecture", "quarter", new DateOnly(2025, 1, 1), new DateOnly(2025, 3, 31), 1, 0)];
        return
        [
            At(new MeetingRecorded(kept, branch, branch, "theme_day", new DateOnly(2025, 3, 15), 10, 8, null, Start)),
            At(new MeetingQuotasCounted(branch, 2025, Quotas(0))),
            At(new MeetingQuotasCounted(branch, 2025, Quotas(1))),
            // corrected: held on another day, one more present
            At(new MeetingRecorded(kept, branch, branch, "theme_day", new DateOnly(2025, 3, 20), 10, 9, null, Start)),
            At(new MeetingRecorded(removed, group, branch, "group_meeting", new DateOnly(2025, 3, 5), 4, 4, null, Start)),
            At(new MeetingRemoved(removed, group, "误录")),
            At(new DuesMonthTotalsChanged(branch, march, 120m, 80m, 4, 2, 2)),
            At(new DuesMonthTotalsChanged(branch, march, 120m, 100m, 4, 3, 2)),
        ];
    }
}
