using System.Net;
using System.Text.Json;
using NUnit.Framework;
using RedSail.BuildingBlocks.Web;

namespace RedSail.FaultTests;

/// <summary>
/// The same POST sent again and again with one Idempotency-Key — at once, after the host was killed and restarted, and while
/// the host is killed in the middle of it — records the person once at most, and never twice.
/// </summary>
public sealed class IdempotencyReplayTests : HostScenario
{
    private const int Concurrent = 10;

    private Task<HttpResponseMessage> RecordAsync(object body, string key) =>
        Client.SendWithKeyAsync(HttpMethod.Post, "/api/personnel/people", body, key);

    private static bool Replayed(HttpResponseMessage response) =>
        response.Headers.TryGetValues(IdempotencyMiddleware.ReplayedHeader, out var values) && values.Single() == "true";

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;

    [Test]
    public async Task One_key_one_effect_at_once_across_a_restart_and_when_the_host_dies_mid_request()
    {
        var report = FaultReport.Begin("Idempotency-Key replays",
            $"{Concurrent} concurrent POSTs with one key → one person; after kill -9 and restart the replay returns the stored 201 " +
            "(same body, Idempotent-Replayed) and adds nothing; a keyed POST cut by kill -9 → after restart the replay is 201 (stored, or " +
            "run afresh when the dead host had not begun to commit) or 409 (outcome unknown, once the commit had begun), never a second person.");
        await RunTrialsAsync(report, async trial =>
        {
            var (body, name) = NewPerson("幂等");
            var key = Guid.NewGuid().ToString();
            var responses = await Task.WhenAll(Enumerable.Range(0, Concurrent).Select(_ => RecordAsync(body, key)));
            Require(responses.Count(r => r.StatusCode == HttpStatusCode.Created && !Replayed(r)) == 1,
                "not exactly one original 201: " + string.Join(", ", responses.Select(r => $"{(int)r.StatusCode}{(Replayed(r) ? "r" : "")}")));
            Require(responses.All(r => r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict), "an answer other than 201 or 409");
            var original = await responses.Single(r => r.StatusCode == HttpStatusCode.Created && !Replayed(r)).Content.ReadAsStringAsync();

            await Host.RestartAsync();
            var replay = await RecordAsync(body, key);
            Require(replay.StatusCode == HttpStatusCode.Created && Replayed(replay), $"replay after restart answered {(int)replay.StatusCode}");
            Require(await replay.Content.ReadAsStringAsync() == original, "the replay's body differs from the original's");
            var count = await PeopleNamedAsync(name);
            if (count > 1) report.Lost += count - 1;
            Require(count == 1, $"{count} people recorded with one key");
            report.Count("replayed after restart");

            // kill -9 while a keyed POST is in flight (a random moment within its first ~150 ms)
            var (cut, cutName) = NewPerson("中断");
            var cutKey = Guid.NewGuid().ToString();
            var inFlight = RecordAsync(cut, cutKey);
            await Task.Delay(Random.Shared.Next(0, 150));
            await Host.KillAsync();
            try { await inFlight; } catch (HttpRequestException) { }
            await Host.StartAsync();
            var left = await ScalarAsync<string?>("select state from platform.idempotency_key where key = @k", ("k", cutKey));
            var after = await RecordAsync(cut, cutKey);
            var code = after.StatusCode == HttpStatusCode.Conflict ? await CodeAsync(after) : null;
            var people = await PeopleNamedAsync(cutName);
            if (people > 1) report.Lost += people - 1;
            Require(people <= 1, $"{people} people recorded by one key cut by kill -9");
            // What the dead host left decides the answer: a reservation that had not begun to commit is run by the retry (its
            // host is gone, so it can never commit); one that had begun is "outcome unknown"; a stored one is replayed.
            switch (left, after.StatusCode, Replayed(after))
            {
                case ("completed", HttpStatusCode.Created, true):
                    Require(people == 1, "a replayed 201 without the person");
                    report.Count("cut: stored response replayed");
                    break;
                case (null, HttpStatusCode.Created, false):
                    Require(people == 1, "a fresh 201 without the person");
                    report.Count("cut: key never reserved, ran after restart");
                    break;
                case ("running", HttpStatusCode.Created, false):
                    Require(people == 1, "a taken-over 201 without the person");
                    report.Count("cut: reserved by the dead host before its commit, run by the retry");
                    break;
                case ("committing" or "unknown", HttpStatusCode.Conflict, false) when code == "idempotency_outcome_unknown":
                    report.Count(people == 1 ? "cut: 409 outcome unknown (person there)" : "cut: 409 outcome unknown (person absent)");
                    break;
                default:
                    throw new TrialFailedException($"after the cut (key left {left ?? "absent"}) the replay answered {(int)after.StatusCode} {code}");
            }
        });
    }
}
