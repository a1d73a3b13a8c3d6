using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using RedSail.BuildingBlocks.Events;
using RedSail.Modules.Analytics;
using RedSail.Modules.Analytics.Contracts;
using RedSail.Modules.Analytics.Features.FoldCountDeltas;
using RedSail.Modules.Analytics.Features.ReadModel;
using RedSail.Modules.Honors.Contracts;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Testing;

namespace RedSail.IntegrationTests;

/// <summary>
/// Analytics' read models converge whatever the order and number of deliveries: the same events in order, reversed
/// (people before their organisations, an update before its record, a conversion before the admission) and each twice
/// leave the same facts and counts, one at a time or all in one batch, and so does a rebuild from the event log. Information-set entries too: a post changed
/// after it was added, a membership removed, a request answered — the older event arriving last changes nothing.
/// </summary>
public sealed class AnalyticsProjectionTests
{
    /// <summary>Deliveries and folds by the test's hand only.</summary>
    private static readonly Dictionary<string, string?> ManualDispatch = new() { ["Outbox:Enabled"] = "false", ["Analytics:FoldCountDeltas"] = "false" };
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private const string State = """
        select coalesce((select string_agg(organization_id || '/' || dimension || '/' || bucket || '=' || count, ',' order by organization_id, dimension, bucket)
                         from analytics.member_count_now where count <> 0), '')
            || '#' || coalesce((select string_agg(concat_ws('/', person_id, organization_id, name, gender, birth_date, education, party_status, joined_on,
                         converted_on, relation), ',' order by person_id) from analytics.member), '')
            || '#' || coalesce((select string_agg(organization_id || '/' || kind || '/' || year, ',' order by event_id) from analytics.flow), '')
            || '#' || coalesce((select string_agg(honour_id || '/' || level || '/' || withdrawn, ',' order by honour_id) from analytics.honour), '')
            || '#' || coalesce((select string_agg(concat_ws('/', person_id, occupation, title_level, traits::text, care::text, mass_orgs::text, united_front), ','
                         order by person_id) from analytics.member), '')
        """;

    [Test]
    public async Task Out_of_order_and_repeated_deliveries_converge_on_the_in_order_figures_and_a_rebuild_gives_them_again()
    {
        await using var host = await TestHost.StartFreshAsync(ManualDispatch);
        var events = Events();

        await ReceiveAsync(host, events);
        var inOrder = await host.ScalarAsync<string>(State);
        await ClearAsync(host);

        // Reversed and each delivered twice: the tree move arrives before the organisation it moves, and before its people.
        var shuffled = events.AsEnumerable().Reverse().SelectMany(e => new[] { e, e }).ToList();
        await ReceiveAsync(host, shuffled);
        var outOfOrder = await host.ScalarAsync<string>(State);

        var replayed = await host.SendAsync(new RebuildAnalytics());
        var rebuilt = await host.ScalarAsync<string>(State);

        // As the dispatcher hands them to the batch: all in one transaction, in order, then reversed and twice.
        await ClearAsync(host);
        await ReceiveAsOneBatchAsync(host, events);
        var batched = await host.ScalarAsync<string>(State);
        await ClearAsync(host);
        await ReceiveAsOneBatchAsync(host, shuffled);
        var batchedOutOfOrder = await host.ScalarAsync<string>(State);

        Assert.Multiple(() =>
        {
            Assert.That(inOrder, Does.Contain("/status/full_member=").And.Contain("/flow/loss:transferred_out|2025=1"), "the scenario counts something");
            Assert.That(inOrder, Does.Contain("/occupation/5=1").And.Not.Contain("/occupation/3=").And.Contain("/title_level/2=1")
                .And.Contain("/trait/specialty|1990-06=1").And.Contain("/care/housing|answered|1990-06=1").And.Not.Contain("|open|")
                .And.Contain("/united_front/01|05=1").And.Contain("{skills,specialty}"), "the entries count by their newest values");
            Assert.That(inOrder, Does.Not.Contain("/mass_org/"), "the removed membership counts no more");
            Assert.That(outOfOrder, Is.EqualTo(inOrder));
            Assert.That(replayed, Is.EqualTo(events.Count - 1), "each event was logged once, but not the family entry (a set the models do not use)");
            Assert.That(rebuilt, Is.EqualTo(inOrder));
            Assert.That(batched, Is.EqualTo(inOrder), "a batch applies each person's events in their order");
            Assert.That(batchedOutOfOrder, Is.EqualTo(inOrder));
        });
    }

    [Test]
    public async Task Folding_the_pending_count_deltas_into_the_ancestors_changes_no_figure()
    {
        await using var host = await TestHost.StartFreshAsync(ManualDispatch);
        await ReceiveAsync(host, Events());
        var pending = await host.ScalarAsync<long>("select count(*) from analytics.member_count_delta");
        var beforeFold = await host.ScalarAsync<string>(State);

        var slices = 0;
        while ((await host.SendAsync(new FoldCountDeltas(Limit: 5))).Taken > 0) slices++; // small slices, as several would fold side by side

        var pendingAfter = await host.ScalarAsync<long>("select count(*) from analytics.member_count_delta");
        var afterFold = await host.ScalarAsync<string>(State);
        var closureRowsAlone = await host.ScalarAsync<string>(State.Replace("analytics.member_count_now", "analytics.member_count"));

        Assert.Multiple(() =>
        {
            Assert.That(pending, Is.GreaterThan(5), "the events left deltas pending (the folder is off in this host)");
            Assert.That(slices, Is.EqualTo((pending + 4) / 5));
            Assert.That(pendingAfter, Is.Zero);
            Assert.That(afterFold, Is.EqualTo(beforeFold));
            Assert.That(closureRowsAlone, Is.EqualTo(beforeFold), "the closure rows alone hold every count now");
        });
    }

    /// <summary>Each event in its own transaction, as the dispatcher delivers them (the inbox is the dispatcher's, not tested here).</summary>
    private static async Task ReceiveAsync(TestHost host, IEnumerable<IntegrationEvent> events)
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

    private static async Task ReceiveAsOneBatchAsync(TestHost host, IReadOnlyList<IntegrationEvent> events)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AnalyticsDb>();
        await db.BeginAsync(readOnly: false, CancellationToken.None);
        await Projection.ReceiveAsync(db, events, CancellationToken.None);
        await db.CommitAsync(CancellationToken.None);
    }

    private static Task ClearAsync(TestHost host) => host.ExecuteAsync("""
        delete from analytics.member_count; delete from analytics.member_count_delta; delete from analytics.flow; delete from analytics.member; delete from analytics.honour;
        delete from analytics.organization; delete from analytics.event_log; delete from analytics.person_record;
        """);

    private static List<IntegrationEvent> Events()
    {
        var clock = 0;
        T At<T>(T e) where T : IntegrationEvent => e with { OccurredAt = Start.AddMinutes(++clock) };
        Guid root = Guid.NewGuid(), branch = Guid.NewGuid(), other = Guid.NewGuid(), group = Guid.NewGuid();
        string Label(Guid id) => id.ToString("N");
        var rootPath = Label(root);
        var branchPath = $"{rootPath}.{Label(branch)}";
        var otherPath = $"{rootPath}.{Label(other)}";
        var groupPath = $"{branchPath}.{Label(group)}";
        Guid ann = Guid.NewGuid(), bo = Guid.NewGuid(), chen = Guid.NewGuid(), du = Guid.NewGuid();
        Guid post = Guid.NewGuid(), newPost = Guid.NewGuid(), traits = Guid.NewGuid(), care = Guid.NewGuid(), union = Guid.NewGuid();
        return
        [
            At(new OrganizationCreated(root, null, "T", "测试党委", "committee", rootPath)),
            At(new OrganizationCreated(branch, root, "T-1", "第一支部", "branch", branchPath)),
            At(new OrganizationCreated(other, root, "T-2", "第二支部", "branch", otherPath)),
            At(new OrganizationCreated(group, branch, "T-1-1", "第一党小组", "party_group", groupPath)),
            At(new PersonRecorded(ann, branch, "安然", "2", new DateOnly(1990, 5, 3), "01", "21", "full_member", new DateOnly(2012, 7, 1), new DateOnly(2013, 7, 1))),
            At(new PersonRecorded(bo, group, "柏松", "1", new DateOnly(1965, 1, 20), "03", "14", "candidate", null, null)),
            At(new PersonRecorded(chen, branch, "陈晨", "1", new DateOnly(1999, 12, 9), "01", null, "applicant", null, null)),
            At(new PersonRecorded(du, other, "杜鹃", "2", new DateOnly(1980, 2, 28), "01", "31", "full_member", new DateOnly(2001, 7, 1), new DateOnly(2002, 7, 1))),
            At(new PersonUpdated(ann, branch, "安然然", "2", new DateOnly(1990, 6, 3), "01", "14")),
            At(new PartyStatusChanged(bo, group, "candidate", "probationary", new DateOnly(2025, 2, 1), null)),
            At(new PartyStatusChanged(bo, group, "probationary", "full_member", new DateOnly(2026, 2, 1), null)),
            At(new PersonMoved(chen, branch, other, new DateOnly(2025, 3, 1), "调动")),
            At(new PersonTransferredOut(du, other, new DateOnly(2025, 4, 1), "L-1", "外单位", "2025-03")),
            At(new OrganizationMoved(group, groupPath, $"{otherPath}.{Label(group)}", other, new DateOnly(2025, 5, 1))),
            At(new PersonRecordChanged(ann, branch, post, "post", "added", new DateOnly(2015, 7, 1), null,
                new Dictionary<string, string> { ["post"] = "工程师", ["titleLevel"] = "3", ["occupation"] = "3" })),
            At(new PersonRecordChanged(ann, branch, post, "post", "changed", new DateOnly(2015, 7, 1), new DateOnly(2024, 12, 31),
                new Dictionary<string, string> { ["post"] = "工程师", ["titleLevel"] = "3", ["occupation"] = "3" })),
            At(new PersonRecordChanged(ann, branch, newPost, "post", "added", new DateOnly(2025, 1, 1), null,
                new Dictionary<string, string> { ["post"] = "科长", ["titleLevel"] = "2", ["occupation"] = "5" })),
            At(new PersonRecordChanged(ann, branch, traits, "traits", "added", null, null,
                new Dictionary<string, string> { ["specialty"] = "遥感", ["skills"] = "书法" })),
            At(new PersonRecordChanged(ann, branch, care, "care", "added", new DateOnly(2025, 2, 1), null,
                new Dictionary<string, string> { ["category"] = "housing", ["status"] = "open" })),
            At(new PersonRecordChanged(ann, branch, care, "care", "changed", new DateOnly(2025, 2, 1), null,
                new Dictionary<string, string> { ["category"] = "housing", ["status"] = "answered" })),
            At(new PersonRecordChanged(chen, branch, union, "mass_org", "added", new DateOnly(2022, 7, 1), null,
                new Dictionary<string, string> { ["organization"] = Guid.NewGuid().ToString(), ["post"] = "会员" })),
            At(new PersonRecordChanged(chen, branch, union, "mass_org", "removed", new DateOnly(2022, 7, 1), null,
                new Dictionary<string, string> { ["organization"] = Guid.NewGuid().ToString(), ["post"] = "会员" })),
            At(new PersonRecordChanged(bo, group, Guid.NewGuid(), "united_front", "added", null, null,
                new Dictionary<string, string> { ["category"] = "01", ["democraticParty"] = "05" })),
            At(new PersonRecordChanged(du, other, Guid.NewGuid(), "family", "added", null, null, new Dictionary<string, string> { ["relation"] = "10" })),
            At(new HonourApproved(Guid.NewGuid(), branch, ann, "excellent_member", "provincial", "优秀共产党员", new DateOnly(2024, 7, 1))),
            At(new HonourWithdrawn(Guid.Empty, branch, "误录")),
        ];
    }
}
