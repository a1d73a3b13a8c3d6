using NUnit.Framework;
using RedSail.BuildingBlocks.Events;
using RedSail.Modules.Analytics.Contracts;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Testing;

namespace RedSail.IntegrationTests;

/// <summary>
/// Sign-ins, democratic review grades and training records are final facts: the events in order, reversed and each twice leave
/// the same rows, only valid democratic reviews grade members, and a rebuild from the event log gives the rows again.
/// </summary>
public sealed class AnalyticsSignInReviewTrainingFactsTests
{
    private const string State = """
        select coalesce((select string_agg(concat_ws('/', account_id, organization_id, signed_in_at), ',' order by event_id) from analytics.sign_in), '')
            || '#' || coalesce((select string_agg(concat_ws('/', round_id, person_id, organization_id, year, grade), ',' order by round_id, person_id)
                                from analytics.review_grade), '')
            || '#' || coalesce((select string_agg(concat_ws('/', record_id, person_id, held_on, hours, kind), ',' order by record_id) from analytics.training), '')
        """;

    [Test]
    public async Task Repeated_and_reversed_deliveries_leave_the_same_facts_and_a_rebuild_gives_them_again()
    {
        await using var host = await TestHost.StartFreshAsync(new Dictionary<string, string?> { ["Outbox:Enabled"] = "false" });
        var events = Events();

        await AnalyticsWorkflowFactsTests.ReceiveAsync(host, events);
        var inOrder = await host.ScalarAsync<string>(State) ?? "";
        await host.ExecuteAsync("delete from analytics.sign_in; delete from analytics.review_grade; delete from analytics.training; delete from analytics.event_log;");
        await AnalyticsWorkflowFactsTests.ReceiveAsync(host, Enumerable.Reverse(events).SelectMany(e => new[] { e, e }));
        var outOfOrder = await host.ScalarAsync<string>(State);
        var replayed = await host.SendAsync(new RebuildAnalytics());

        Assert.Multiple(async () =>
        {
            Assert.That(inOrder.Split('#').Select(part => part.Length == 0 ? 0 : part.Split(',').Length), Is.EqualTo(new[] { 2, 3, 1 }),
                "two sign-ins, the valid democratic review's three members (not the invalid round's, not the branches' annual review), one training");
            Assert.That(inOrder, Does.Contain("/2025/basically_qualified").And.Contain("/16.0/centralised"));
            Assert.That(outOfOrder, Is.EqualTo(inOrder));
            Assert.That(replayed, Is.EqualTo(events.Count - 2), "rounds that grade no members (the invalid one, the branches' annual review) are not logged");
            Assert.That(await host.ScalarAsync<string>(State), Is.EqualTo(inOrder));
        });
    }

    private static List<IntegrationEvent> Events()
    {
        Guid branch = Guid.NewGuid(), account = Guid.NewGuid();
        var closed = new DateTimeOffset(2025, 12, 16, 2, 0, 0, TimeSpan.Zero);
        EvaluationOutcome[] Grades(params string?[] grades) => grades.Select(g => new EvaluationOutcome(Guid.NewGuid(), null, g)).ToArray();
        return
        [
            new UserSignedIn(account, branch) { OccurredAt = closed.AddDays(-3) },
            new UserSignedIn(account, branch) { OccurredAt = closed.AddDays(-2) },
            new EvaluationRoundClosed(Guid.NewGuid(), branch, "democratic_review", 2025, true, 10, 9, Grades("excellent", "qualified", "basically_qualified"))
                { OccurredAt = closed },
            new EvaluationRoundClosed(Guid.NewGuid(), branch, "democratic_review", 2025, false, 10, 2, Grades(null, null)) { OccurredAt = closed.AddHours(1) },
            new EvaluationRoundClosed(Guid.NewGuid(), Guid.NewGuid(), "annual_review", 2025, true, 5, 5, Grades("good")) { OccurredAt = closed.AddHours(2) },
            new TrainingRecorded(Guid.NewGuid(), Guid.NewGuid(), branch, "支部书记集中轮训", "机关党委", new DateOnly(2025, 4, 18), 16.0m, "centralised")
                { OccurredAt = closed.AddHours(3) },
        ];
    }
}
