using System.Collections.Concurrent;
using System.Net;
using NUnit.Framework;
using RedSail.Testing;

namespace RedSail.FaultTests;

/// <summary>
/// PostgreSQL stopped with <c>pg_ctl stop -m immediate</c> (no checkpoint, backends killed: what a power cut leaves, crash
/// recovery on restart) while writers record people through the API. Every write answered 201 is there after the restart,
/// complete; every other write is absent or complete, never partial (a person without its timeline line or its event). The
/// first writes after the restart are answered 201 or 503 "retry" (nothing saved), never 500.
/// </summary>
public sealed class PostgresStopTests : HostScenario
{
    private const int Writers = 4;

    private sealed record Attempt(string Name, bool Acknowledged);

    [Test]
    public async Task Acknowledged_writes_survive_and_none_is_partial()
    {
        var report = FaultReport.Begin("immediate stop of PostgreSQL during writes",
            $"{Writers} API writers record people; pg_ctl stop -m immediate at a random moment (0.5–2 s), restart (crash recovery): every 201 " +
            "present with its timeline line and PersonRecorded event; unacknowledged writes absent or complete, never partial.");
        await RunTrialsAsync(report, async trial =>
        {
            Require(await Eventually.HoldsAsync(HealthyAsync, 120_000), "the host did not reach the database again");
            Require((await Client.GetAsync(IdleModuleRead)).IsSuccessStatusCode, "the read before the stop failed");
            var attempts = new ConcurrentBag<Attempt>();
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var (body, name) = NewPerson("断电");
                    bool acknowledged;
                    try { acknowledged = (await Client.PostAsync("/api/personnel/people", body)).StatusCode == HttpStatusCode.Created; }
                    catch (HttpRequestException) { acknowledged = false; }
                    attempts.Add(new Attempt(name, acknowledged));
                }
            })).ToList();

            await Task.Delay(Random.Shared.Next(500, 2000));
            await TestCluster.StopImmediatelyAsync();
            await Task.Delay(300); // writes keep coming while the database is gone
            await stop.CancelAsync();
            await Task.WhenAll(writers);
            await TestCluster.RestartAsync();
            Require(await Eventually.HoldsAsync(HealthyAsync, 120_000), "the host did not reach the database after its restart");

            // Pools that sat idle through the stop still hold connections to the old server (here Workflow's, used once before
            // it): the first calls are answered 200/201, or 503 "unavailable, retry" with nothing saved — never a 500 — and the
            // pools are clean again within a few requests.
            await AnswerAfterRestartAsync(report, "read", () => Client.GetAsync(IdleModuleRead));
            await AnswerAfterRestartAsync(report, "write", async () =>
            {
                var (body, name) = NewPerson("重启后");
                var response = await Client.PostAsync("/api/personnel/people", body);
                Require(response.StatusCode != HttpStatusCode.ServiceUnavailable || await PeopleNamedAsync(name) == 0, "a 503 saved the person");
                return response;
            });

            foreach (var attempt in attempts)
            {
                var (people, complete) = await StateOfAsync(attempt.Name);
                if (attempt.Acknowledged)
                {
                    report.Count("acknowledged");
                    if (people != 1 || !complete) report.Lost++;
                    Require(people == 1 && complete, $"acknowledged {attempt.Name}: {people} people, complete {complete}");
                }
                else
                {
                    report.Count(people == 0 ? "unacknowledged, absent" : "unacknowledged, complete");
                    Require(people == 0 || (people == 1 && complete), $"unacknowledged {attempt.Name}: {people} people, complete {complete}");
                }
            }
        });
    }

    /// <summary>A read of a module the writers do not use, so its pooled connection idles through the stop.</summary>
    private const string IdleModuleRead = "/api/workflow/meetings?page=1&pageSize=1";

    private async Task AnswerAfterRestartAsync(ScenarioReport report, string kind, Func<Task<HttpResponseMessage>> call)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var response = await call();
            report.Count($"first {kind} after restart: {(int)response.StatusCode}");
            if (response.IsSuccessStatusCode) return;
            Require(response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null,
                $"a {kind} after the restart was answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        Require(false, $"no {kind} succeeded in 5 tries after the restart");
    }

    private async Task<bool> HealthyAsync()
    {
        try { return (await Client.GetAsync("/health")).StatusCode == HttpStatusCode.OK; }
        catch (HttpRequestException) { return false; }
    }

    /// <summary>How many people have this name, and whether the one there has its 'recorded' timeline line and its PersonRecorded event.</summary>
    private async Task<(long People, bool Complete)> StateOfAsync(string name)
    {
        var people = await PeopleNamedAsync(name);
        var complete = await ScalarAsync<bool>("""
            select exists (select 1 from personnel.person p
                where p.name = @n
                  and exists (select 1 from personnel.person_change c where c.person_id = p.id and c.change = 'recorded')
                  and exists (select 1 from personnel.outbox o where o.event_type = 'PersonRecorded' and (o.payload->>'personId')::uuid = p.id))
            """, ("n", name));
        return (people, complete);
    }
}
