using System.Net;
using System.Text.Json;
using NUnit.Framework;

namespace RedSail.FaultTests;

/// <summary>
/// 100 editors save the same person at once, all from the same version: optimistic concurrency lets exactly one through per
/// version, the rest get 409 with the current version, and the stored person is the last successful edit (no lost update).
/// </summary>
public sealed class ConcurrentEditTests : HostScenario
{
    private const int Editors = 100;
    private const int VersionsPerTrial = 3;

    private object Edit(long version, string name, DateOnly birth) => new
    {
        version,
        basics = new
        {
            name, gender = "1", ethnicity = "01", birthDate = birth, idNumber = (string?)null, nativePlace = "北京市海淀区", phone = (string?)null,
            employeeNumber = (string?)null, department = "规划研究所", education = "21",
        },
    };

    [Test]
    public async Task One_edit_wins_per_version_the_rest_get_409_and_the_last_success_is_what_is_stored()
    {
        var report = FaultReport.Begin("100 concurrent edits of one record",
            $"{Editors} concurrent PUTs of one person with the same version, {VersionsPerTrial} versions per trial: exactly one 200 per version, " +
            "the rest 409 concurrency_conflict with the current version; the stored name and version are the last success's; one timeline row per success.");
        await RunTrialsAsync(report, async trial =>
        {
            var (body, name) = NewPerson("并发");
            var created = await JsonAsync(await Client.PostAsync("/api/personnel/people", body), HttpStatusCode.Created);
            var id = created.GetProperty("id").GetGuid();
            var version = created.GetProperty("version").GetInt64();
            var birth = await ScalarAsync<DateOnly>("select birth_date from personnel.person where id = @id", ("id", id));
            string? lastWinner = null;
            for (var round = 1; round <= VersionsPerTrial; round++)
            {
                var names = Enumerable.Range(1, Editors).Select(e => $"{name}-{round}-{e}").ToArray();
                var responses = await Task.WhenAll(names.Select(n => Client.Http.PutAsync($"/api/personnel/people/{id}",
                    System.Net.Http.Json.JsonContent.Create(Edit(version, n, birth)))));
                var winners = responses.Select((r, i) => (r, i)).Where(x => x.r.StatusCode == HttpStatusCode.OK).ToList();
                var conflicts = responses.Where(r => r.StatusCode == HttpStatusCode.Conflict).ToList();
                report.Count("successes", winners.Count);
                report.Count("409s", conflicts.Count);
                Require(winners.Count == 1, $"version {version}: {winners.Count} edits succeeded ({string.Join(", ", responses.Select(r => (int)r.StatusCode).Distinct())})");
                Require(conflicts.Count == Editors - 1, $"version {version}: {conflicts.Count} conflicts, expected {Editors - 1}");
                foreach (var conflict in conflicts)
                {
                    var problem = JsonDocument.Parse(await conflict.Content.ReadAsStringAsync()).RootElement;
                    Require(problem.GetProperty("code").GetString() == "concurrency_conflict", "a 409 that is not a concurrency conflict");
                    Require(problem.GetProperty("currentVersion").GetInt64() >= version + 1, "a 409 without the new current version");
                }
                var won = JsonDocument.Parse(await winners[0].r.Content.ReadAsStringAsync()).RootElement;
                Require(won.GetProperty("version").GetInt64() == version + 1, $"the success answered version {won.GetProperty("version")}, expected {version + 1}");
                version++;
                lastWinner = names[winners[0].i];
            }
            var stored = await Client.GetJsonAsync<JsonElement>($"/api/personnel/people/{id}");
            var storedName = stored.GetProperty("name").GetString();
            if (storedName != lastWinner) report.Lost++;
            Require(storedName == lastWinner, $"stored name {storedName}, last success {lastWinner}");
            Require(stored.GetProperty("version").GetInt64() == version, $"stored version {stored.GetProperty("version")}, expected {version}");
            var edits = await ScalarAsync<long>("select count(*) from personnel.person_change where person_id = @id and change = 'basics_updated'", ("id", id));
            Require(edits == VersionsPerTrial, $"{edits} timeline rows of edits, expected {VersionsPerTrial}");
        });
    }
}
