using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using NUnit.Framework;
using RedSail.Platform.Access;
using RedSail.Platform.Features.OaClients;
using RedSail.Testing;

namespace RedSail.ApiTests;

/// <summary>The OA keeps in sync through the change feed and looks people up by employee number.</summary>
public sealed class ChangeFeedTests
{
    private TestHost _host = null!;
    private HttpClient _oa = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _host = await Demo.StartAsync();
        var client = await _host.SendAsync(new RegisterOaClient("OA", ["personnel"]));
        _oa = new HttpClient { BaseAddress = _host.BaseAddress };
        var token = await Problems.JsonAsync(await _oa.PostAsJsonAsync("/api/platform/oa/token", new { client.ClientId, client.ClientSecret }));
        _oa.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _oa.Dispose();
        await _host.DisposeAsync();
    }

    private async Task<List<JsonElement>> ReadAllAsync(string? after = null)
    {
        var items = new List<JsonElement>();
        while (true)
        {
            var page = await Problems.JsonAsync(await _oa.GetAsync($"/api/personnel/changes?limit=25{(after is null ? "" : "&after=" + after)}"));
            items.AddRange(page.GetProperty("items").EnumerateArray());
            after = page.GetProperty("next").GetString();
            if (!page.GetProperty("hasMore").GetBoolean()) return items;
        }
    }

    [Test]
    public async Task The_feed_pages_through_every_event_once_in_order()
    {
        var items = await ReadAllAsync();
        var expected = await _host.ScalarAsync<long>("select count(*) from personnel.outbox");
        Assert.Multiple(() =>
        {
            Assert.That(items, Has.Count.EqualTo(expected));
            Assert.That(items.Select(i => i.GetProperty("cursor").GetString()).Distinct().Count(), Is.EqualTo(items.Count));
            Assert.That(items.Count(i => i.GetProperty("eventType").GetString() == "OrganizationCreated"), Is.EqualTo(56));
            Assert.That(items.All(i => !i.GetProperty("data").GetRawText().Contains("idNumber")), Is.True, "no sensitive values in the feed");
        });
    }

    [Test]
    public async Task Transactions_are_ordered_as_numbers_not_as_text()
    {
        // Transaction ids 9 and 10 (long committed): as text "10" would sort before "9".
        await _host.ExecuteAsync("""
            insert into personnel.outbox (event_id, event_type, payload, occurred_at, tx)
            values (gen_random_uuid(), 'NinthEvent', '{}', now(), '9'), (gen_random_uuid(), 'TenthEvent', '{}', now(), '10')
            """);
        var items = await ReadAllAsync();
        var cursors = items.Select(i => FeedCursorOf(i)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(items.Take(2).Select(i => i.GetProperty("eventType").GetString()), Is.EqualTo(new[] { "NinthEvent", "TenthEvent" }));
            Assert.That(cursors, Is.Ordered, "every page continues where the last one ended");
            Assert.That(cursors.Distinct().Count(), Is.EqualTo(cursors.Count));
        });
    }

    private static (ulong Tx, long Position) FeedCursorOf(JsonElement item)
    {
        var parts = item.GetProperty("cursor").GetString()!.Split('-');
        return (ulong.Parse(parts[0]), long.Parse(parts[1]));
    }

    [Test]
    public async Task A_transaction_that_commits_late_is_not_skipped()
    {
        var start = (await Problems.JsonAsync(await _oa.GetAsync("/api/personnel/changes?limit=1000"))).GetProperty("next").GetString();

        // A slow writer takes its transaction id first, then a fast writer commits an event.
        await using var slow = new NpgsqlConnection(_host.OwnerConnectionString);
        await slow.OpenAsync();
        await using var tx = await slow.BeginTransactionAsync();
        await new NpgsqlCommand("""
            insert into personnel.outbox (event_id, event_type, payload, occurred_at) values (gen_random_uuid(), 'SlowEvent', '{}', now())
            """, slow, tx).ExecuteNonQueryAsync();
        using var admin = _host.Client();
        await admin.SignInAsync(await _host.CreateUserAsync(RoleCatalog.CommitteeAdmin, await Demo.RootAsync(_host)));
        var id = await _host.ScalarAsync<Guid>("select id from personnel.organization where code = 'RS-01'");
        var version = await _host.ScalarAsync<long>("select version from personnel.organization where code = 'RS-01'");
        var renamed = await admin.PostAsync($"/api/personnel/organizations/{id}/rename",
            new { name = "机关第一党支部（新）", effectiveOn = "2026-11-01", reason = "机构调整", version });
        Assert.That(renamed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await renamed.Content.ReadAsStringAsync());

        var whileSlowRuns = await ReadAllAsync(start);
        await tx.CommitAsync();
        var afterCommit = await ReadAllAsync(start);

        // The hourly term-deadline job may announce demo terms meanwhile (committed before the slow writer began, so
        // rightly visible); only these two writers' events matter here.
        static IEnumerable<string?> Writers(List<JsonElement> items) =>
            items.Select(i => i.GetProperty("eventType").GetString()).Where(t => t is "SlowEvent" or "OrganizationRenamed");
        Assert.Multiple(() =>
        {
            Assert.That(Writers(whileSlowRuns), Is.Empty,
                "the fast event waits behind the slow transaction instead of moving the cursor past it");
            Assert.That(Writers(afterCommit), Is.EqualTo(new[] { "SlowEvent", "OrganizationRenamed" }));
        });
    }

    [Test]
    public async Task A_person_is_found_by_employee_number_with_masked_fields()
    {
        var person = await Problems.JsonAsync(await _oa.GetAsync("/api/personnel/people/by-employee-number/E0001"));
        Assert.Multiple(async () =>
        {
            Assert.That(person.GetProperty("employeeNumber").GetString(), Is.EqualTo("E0001"));
            Assert.That(person.GetProperty("idNumber").GetString(), Does.Contain("********"));
            await Problems.ExpectAsync(await _oa.GetAsync("/api/personnel/people/by-employee-number/NOPE"), HttpStatusCode.NotFound, "not_found");
        });
    }

    [Test]
    public async Task A_scoped_user_cannot_read_the_whole_feed()
    {
        using var secretary = _host.Client();
        await secretary.SignInAsync(await _host.CreateUserAsync(RoleCatalog.BranchSecretary, await Demo.BranchAsync(_host, "RS-02")));
        await Problems.ExpectAsync(await secretary.GetAsync("/api/personnel/changes"), HttpStatusCode.Forbidden, "forbidden");
    }
}
