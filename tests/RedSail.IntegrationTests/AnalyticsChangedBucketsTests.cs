using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using RedSail.BuildingBlocks.Events;
using RedSail.Modules.Analytics;
using RedSail.Modules.Analytics.Contracts;
using RedSail.Modules.Analytics.Features.ReadModel;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Testing;

namespace RedSail.IntegrationTests;

/// <summary>
/// The live count-keeping computes only the dimensions whose inputs changed (<c>analytics.unchanged_dimensions</c>, M0033;
/// <c>MemberFacts.SettleAsync</c>). These tests hold that to the bucket definitions themselves: a dimension called unchanged
/// never has other buckets after the change, an event that changes one input moves exactly its dimensions' counts, and after a
/// mix of kinds of events the live counts equal a rebuild's count from scratch.
/// </summary>
public sealed class AnalyticsChangedBucketsTests
{
    private static readonly Dictionary<string, string?> ManualDispatch = new() { ["Outbox:Enabled"] = "false", ["Analytics:FoldCountDeltas"] = "false" };
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Varied member rows (party members with every value, an applicant, a removed and a transferred-out member, empty and
    /// missing values); every pair (b, a) where a is b with one column (any column of the row, so a column a bucket definition
    /// starts to read is covered without changing this test) taken from another row or set to null.
    /// </summary>
    private static readonly string Pairs = """
        with base(k, r) as (values
            (1, '{"person_id": "00000000-0000-0000-0000-000000000001", "organization_id": "00000000-0000-0000-0000-0000000000a1", "name": "甲", "gender": "1",
                  "birth_date": "1990-05-03", "ethnicity": "01", "education": "21", "party_status": "full_member", "joined_on": "2012-07-01",
                  "converted_on": "2013-07-01", "relation": "active", "removed": false, "occupation": "3", "title_level": "2",
                  "traits": ["skills", "specialty"], "care": ["housing|open"], "mass_orgs": ["u1|none", "u2|会员"], "united_front": "01|05"}'::jsonb),
            (2, '{"person_id": "00000000-0000-0000-0000-000000000001", "organization_id": "00000000-0000-0000-0000-0000000000a2", "name": "乙", "gender": "2",
                  "birth_date": "1988-12-31", "ethnicity": "03", "education": "14", "party_status": "probationary", "joined_on": "2024-07-01",
                  "converted_on": null, "relation": "flowing", "removed": false, "occupation": "5", "title_level": null,
                  "traits": ["hobbies"], "care": ["housing|answered", "health|open"], "mass_orgs": [], "united_front": null}'::jsonb),
            (3, '{"person_id": "00000000-0000-0000-0000-000000000001", "organization_id": "00000000-0000-0000-0000-0000000000a1", "name": "丙", "gender": null,
                  "birth_date": null, "ethnicity": null, "education": null, "party_status": "applicant", "joined_on": null,
                  "converted_on": null, "relation": "active", "removed": false, "occupation": null, "title_level": null,
                  "traits": [], "care": [], "mass_orgs": ["u1|none"], "united_front": "02|none"}'::jsonb),
            (4, '{"person_id": "00000000-0000-0000-0000-000000000001", "organization_id": "00000000-0000-0000-0000-0000000000a1", "name": "丁", "gender": "1",
                  "birth_date": "1990-05-20", "ethnicity": "01", "education": "23", "party_status": "full_member", "joined_on": "2012-07-09",
                  "converted_on": "2013-07-30", "relation": "lost_contact", "removed": true, "occupation": "3", "title_level": "2",
                  "traits": ["skills"], "care": ["housing|open"], "mass_orgs": ["u2|会员"], "united_front": "01|05"}'::jsonb),
            (5, '{"person_id": "00000000-0000-0000-0000-000000000001", "organization_id": "00000000-0000-0000-0000-0000000000a2", "name": "戊", "gender": "2",
                  "birth_date": "2001-01-01", "ethnicity": "01", "education": "31", "party_status": "full_member", "joined_on": "2020-01-01",
                  "converted_on": "2021-01-01", "relation": "transferred_out", "removed": false, "occupation": null, "title_level": "1",
                  "traits": ["specialty"], "care": [], "mass_orgs": [], "united_front": null}'::jsonb)),
        variant as (
            select b.r as before, b.r || jsonb_build_object(c.key, c.value) as after from base b, base o, jsonb_each(o.r) c
            union all
            select b.r, b.r || jsonb_build_object(c.key, null) from base b, jsonb_each(b.r) c where c.key not in ('person_id', 'removed', 'relation', 'traits', 'care', 'mass_orgs')),
        pair as (
            select b, a, analytics.unchanged_dimensions(b, a) as unchanged
            from variant v, jsonb_populate_record(null::analytics.member_before, v.before) b, jsonb_populate_record(null::analytics.member, v.after) a)
        """;

    [Test]
    public async Task A_dimension_called_unchanged_has_the_same_buckets_before_and_after_whichever_column_changed()
    {
        await using var host = await TestHost.StartFreshAsync(ManualDispatch);
        var before = MemberFacts.Buckets("(p.b)");
        var after = MemberFacts.Buckets("(p.a)");
        var violations = await host.ScalarAsync<string>(Pairs + $"""
            select coalesce(string_agg(distinct x.dimension || ' after ' || (p.b)::text || ' -> ' || (p.a)::text, E'\n'), '')
            from pair p, lateral (
                (select dimension, bucket from {before} b where dimension = any(p.unchanged)
                 except all
                 select dimension, bucket from {after} a where dimension = any(p.unchanged))
                union all
                (select dimension, bucket from {after} a where dimension = any(p.unchanged)
                 except all
                 select dimension, bucket from {before} b where dimension = any(p.unchanged))) x
            """);
        // What the live path computes (the unchanged dimensions skipped) is the rest of the buckets, exactly.
        var skipped = await host.ScalarAsync<long>(Pairs + $"""
            select count(*) from pair p, lateral (
                (select dimension, bucket from {MemberFacts.Buckets("(p.b)", "p.unchanged")} s
                 except all
                 select dimension, bucket from {before} b where dimension <> all(p.unchanged))
                union all
                (select dimension, bucket from {before} b where dimension <> all(p.unchanged)
                 except all
                 select dimension, bucket from {MemberFacts.Buckets("(p.b)", "p.unchanged")} s)) x
            """);
        var pairs = await host.ScalarAsync<long>(Pairs + "select count(*) from pair");
        var skipping = await host.ScalarAsync<long>(Pairs + "select count(*) from pair where cardinality(unchanged) > 0 and (b).party_status is not null");
        var education = await host.ScalarAsync<string>(Pairs + """
            select array_to_string(unchanged, ',') from pair p
            where (p.b).name = '甲' and (p.a).education = '14' and (p.a).name = '甲'
            """);

        Assert.Multiple(() =>
        {
            Assert.That(violations, Is.Empty);
            Assert.That(skipped, Is.Zero, "skipping computes every other dimension's buckets");
            Assert.That(pairs, Is.GreaterThan(200), "every column of every row varied");
            Assert.That(skipping, Is.GreaterThan(100), "most changes leave dimensions out: the check compares something");
            Assert.That(education, Is.EqualTo("status,relation,gender_birth,ethnicity,joined,converted,occupation,title_level,birth,trait,care,mass_org,united_front"),
                "a change of the education leaves every other dimension unchanged");
        });
    }

    [Test]
    public async Task An_event_that_changes_one_input_moves_exactly_its_dimensions_counts()
    {
        await using var host = await TestHost.StartFreshAsync(ManualDispatch);
        var (events, ann, branch) = Scenario();
        await ReceiveAsync(host, events);
        var root = events.OfType<OrganizationCreated>().Single(o => o.ParentId is null).OrganizationId;
        var recorded = (PersonRecorded)events.Single(e => e is PersonRecorded p && p.PersonId == ann);
        var counts = await CountsAsync(host);
        var deltaRows = await host.ScalarAsync<long>("select count(*) from analytics.member_count_delta");

        // The education group 20 → 10: that bucket pair, at the branch and at the root, and nothing else.
        await ReceiveAsync(host, [At(new PersonUpdated(ann, branch, recorded.Name, recorded.Gender, recorded.BirthDate, recorded.Ethnicity, "14"), 100)]);
        var afterEducation = await CountsAsync(host);
        var educationDeltaRows = await host.ScalarAsync<long>("select count(*) from analytics.member_count_delta") - deltaRows;

        // The name only: no bucket moves, no delta row is written.
        await ReceiveAsync(host, [At(new PersonUpdated(ann, branch, "安然然", recorded.Gender, recorded.BirthDate, recorded.Ethnicity, "14"), 101)]);
        var afterName = await CountsAsync(host);
        var nameDeltaRows = await host.ScalarAsync<long>("select count(*) from analytics.member_count_delta") - deltaRows - educationDeltaRows;

        // The birth date: the dimensions that read it (gender × birth month, birth month, traits by birth month).
        await ReceiveAsync(host, [At(new PersonUpdated(ann, branch, "安然然", recorded.Gender, new DateOnly(1991, 1, 2), recorded.Ethnicity, "14"), 102)]);
        var afterBirth = await CountsAsync(host);

        Assert.Multiple(() =>
        {
            Assert.That(Changes(counts, afterEducation), Is.EquivalentTo(new Dictionary<string, long>
            {
                [$"{root}/education/20"] = -1, [$"{root}/education/10"] = 1, [$"{branch}/education/20"] = -1, [$"{branch}/education/10"] = 1,
            }));
            Assert.That(educationDeltaRows, Is.EqualTo(2), "one pending row per bucket, for the person's own organisation");
            Assert.That(Changes(afterEducation, afterName), Is.Empty);
            Assert.That(nameDeltaRows, Is.Zero);
            Assert.That(Changes(afterName, afterBirth), Is.EquivalentTo(new[] { root, branch }.SelectMany(o => new Dictionary<string, long>
            {
                [$"{o}/gender_birth/2|1990-05"] = -1, [$"{o}/gender_birth/2|1991-01"] = 1,
                [$"{o}/birth/1990-05"] = -1, [$"{o}/birth/1991-01"] = 1,
                [$"{o}/trait/specialty|1990-05"] = -1, [$"{o}/trait/specialty|1991-01"] = 1,
            })));
        });
    }

    [Test]
    public async Task After_a_mix_of_kinds_of_events_in_one_batch_the_live_counts_equal_a_rebuild()
    {
        await using var host = await TestHost.StartFreshAsync(ManualDispatch);
        var (events, ann, branch) = Scenario();
        await ReceiveAsync(host, events);
        var other = events.OfType<OrganizationCreated>().Single(o => o.Code == "T-2").OrganizationId;
        var bo = events.OfType<PersonRecorded>().Single(p => p.PartyStatus == "probationary").PersonId;
        var recorded = (PersonRecorded)events.Single(e => e is PersonRecorded p && p.PersonId == ann);

        // One batch, as the dispatcher hands it over: several changes of one person in a row, a status change (every
        // dimension), a move (another organisation), an entry (occupation), a name-only update and an education change.
        await ReceiveAsync(host,
        [
            At(new PersonUpdated(ann, branch, recorded.Name, recorded.Gender, recorded.BirthDate, "03", recorded.Education), 100),
            At(new PartyStatusChanged(bo, branch, "probationary", "full_member", new DateOnly(2025, 7, 1), null), 101),
            At(new PersonRecordChanged(ann, branch, Guid.NewGuid(), "post", "added", new DateOnly(2025, 1, 1), null,
                new Dictionary<string, string> { ["post"] = "科长", ["titleLevel"] = "2", ["occupation"] = "5" }), 102),
            At(new PersonMoved(ann, branch, other, new DateOnly(2025, 8, 1), "调动"), 103),
            At(new PersonUpdated(bo, branch, "柏松松", "1", new DateOnly(1965, 1, 20), "03", "14"), 104),
            At(new PersonUpdated(ann, other, recorded.Name, recorded.Gender, recorded.BirthDate, "03", "31"), 105),
        ]);
        var live = await CountsAsync(host);

        await host.SendAsync(new RebuildAnalytics());
        var rebuilt = await CountsAsync(host);

        Assert.Multiple(() =>
        {
            Assert.That(live, Does.ContainKey($"{other}/occupation/5").And.ContainKey($"{other}/education/30").And.ContainKey($"{other}/ethnicity/03"),
                "the changes counted where the person is now");
            Assert.That(live.GetValueOrDefault($"{branch}/status/full_member"), Is.EqualTo(1), "the converted member counts as full");
            Assert.That(live, Is.EquivalentTo(rebuilt));
        });
    }

    /// <summary>A committee with two branches; a full member with traits, a probationary member.</summary>
    private static (List<IntegrationEvent> Events, Guid Ann, Guid Branch) Scenario()
    {
        Guid root = Guid.NewGuid(), branch = Guid.NewGuid(), other = Guid.NewGuid(), ann = Guid.NewGuid(), bo = Guid.NewGuid();
        var rootPath = root.ToString("N");
        var clock = 0;
        return ([
            At(new OrganizationCreated(root, null, "T", "测试党委", "committee", rootPath), ++clock),
            At(new OrganizationCreated(branch, root, "T-1", "第一支部", "branch", $"{rootPath}.{branch:N}"), ++clock),
            At(new OrganizationCreated(other, root, "T-2", "第二支部", "branch", $"{rootPath}.{other:N}"), ++clock),
            At(new PersonRecorded(ann, branch, "安然", "2", new DateOnly(1990, 5, 3), "01", "21", "full_member", new DateOnly(2012, 7, 1), new DateOnly(2013, 7, 1)), ++clock),
            At(new PersonRecorded(bo, branch, "柏松", "1", new DateOnly(1965, 1, 20), "03", "14", "probationary", new DateOnly(2025, 1, 1), null), ++clock),
            At(new PersonRecordChanged(ann, branch, Guid.NewGuid(), "traits", "added", null, null, new Dictionary<string, string> { ["specialty"] = "遥感" }), ++clock),
        ], ann, branch);
    }

    private static T At<T>(T e, int minute) where T : IntegrationEvent => e with { OccurredAt = Start.AddMinutes(minute) };

    /// <summary>The figures readers see (closure rows plus pending deltas), non-zero, by organisation/dimension/bucket.</summary>
    private static async Task<Dictionary<string, long>> CountsAsync(TestHost host) =>
        (await host.ScalarAsync<string>("""
            select coalesce(string_agg(organization_id || '/' || dimension || '/' || bucket || '=' || count, ','), '')
            from analytics.member_count_now where count <> 0
            """))!
        .Split(',', StringSplitOptions.RemoveEmptyEntries).Select(row => row.Split('=')).ToDictionary(kv => kv[0], kv => long.Parse(kv[1]));

    private static Dictionary<string, long> Changes(Dictionary<string, long> before, Dictionary<string, long> after) =>
        before.Keys.Union(after.Keys).Select(key => (key, change: after.GetValueOrDefault(key) - before.GetValueOrDefault(key)))
            .Where(x => x.change != 0).ToDictionary(x => x.key, x => x.change);

    private static async Task ReceiveAsync(TestHost host, IReadOnlyList<IntegrationEvent> events)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AnalyticsDb>();
        await db.BeginAsync(readOnly: false, CancellationToken.None);
        await Projection.ReceiveAsync(db, events, CancellationToken.None);
        await db.CommitAsync(CancellationToken.None);
    }
}
