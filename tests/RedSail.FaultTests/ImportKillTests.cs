using System.Diagnostics;
using System.Net;
using NUnit.Framework;
using RedSail.Testing;

namespace RedSail.FaultTests;

/// <summary>
/// kill -9 of the host while it commits a large people import (REDSAIL_FAULT_IMPORT_ROWS, default 100,000 rows): after the
/// restart the batch is wholly in the register (then it is rolled back for the next trial) or wholly absent with its staged
/// rows intact (then the same batch is committed again). The last trial commits the batch to the end.
/// </summary>
public sealed class ImportKillTests : HostScenario
{
    private static readonly int Rows =
        int.TryParse(Environment.GetEnvironmentVariable("REDSAIL_FAULT_IMPORT_ROWS"), out var rows) && rows > 0 ? rows : 100_000;

    private ApiClient _importer = null!;
    private byte[] _file = [];

    [OneTimeSetUp]
    public async Task PrepareFile()
    {
        _importer = Host.Client();
        _importer.Http.Timeout = TimeSpan.FromMinutes(10); // a 100,000-row preview on a loaded machine
        await _importer.SignInAsync(FaultRun.Committee);
        _file = PeopleSheets.Xlsx(Enumerable.Range(0, Rows).Select(Row));
    }

    [OneTimeTearDown]
    public void DisposeImporter() => _importer?.Dispose();

    /// <summary>Row i: born 1950-01-01 plus (i mod 14,000) days (all old enough for the row's 2010 admission), an ID number unique per i.</summary>
    private static Dictionary<string, object?> Row(int i)
    {
        var birth = new DateOnly(1950, 1, 1).AddDays(i % 14_000);
        var row = PeopleSheets.Row(i, "990501", IdNumbers.Compose("990501", birth, 1 + 2 * (i / 14_000)));
        row["出生日期"] = birth.ToString("yyyy-MM-dd");
        return row;
    }

    private async Task<Guid> PreviewAsync()
    {
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(_file), "file", "people.xlsx" },
            { new StringContent(Branch.ToString()), "organizationId" },
        };
        var preview = await JsonAsync(await _importer.Http.PostAsync("/api/personnel/people/imports", form), HttpStatusCode.OK);
        var errors = preview.GetProperty("errors");
        Require(errors.GetArrayLength() == 0, $"the generated file has {errors.GetArrayLength()} errors: {errors}");
        return preview.GetProperty("batchId").GetGuid();
    }

    private Task<long> ImportedAsync(Guid batch) =>
        ScalarAsync<long>("select count(*) from personnel.person where import_batch_id = @b", ("b", batch));

    [Test]
    public async Task A_killed_commit_leaves_the_batch_wholly_there_or_wholly_absent()
    {
        var report = FaultReport.Begin($"kill -9 during a {Rows:N0}-row import",
            $"commit of a previewed {Rows:N0}-row batch, kill -9 of the host at a random moment (0.3–6 s), restart: the batch's people are " +
            $"all {Rows:N0} (batch committed; rolled back for the next trial) or none (batch still previewed, staged rows intact, committed " +
            "again later); the last trial commits it to the end.");
        Guid? batch = null;
        var watch = new Stopwatch();
        await RunTrialsAsync(report, async trial =>
        {
            if (batch is null)
            {
                watch.Restart();
                batch = await PreviewAsync();
                report.Count("previews");
                TestContext.Progress.WriteLine($"import preview of {Rows} rows: {watch.Elapsed.TotalSeconds:0.0} s");
            }
            var commit = _importer.PostAsync($"/api/personnel/people/imports/{batch}/commit");
            await Task.Delay(Random.Shared.Next(300, 6000));
            await Host.KillAsync();
            var answered = false;
            try { answered = (await commit).StatusCode == HttpStatusCode.OK; }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Host.StartAsync();

            var imported = await ImportedAsync(batch.Value);
            var status = await ScalarAsync<string>("select status from personnel.import_batch where id = @b", ("b", batch.Value));
            if (answered && imported != Rows) report.Lost += Rows - imported;
            Require(imported == 0 || imported == Rows, $"{imported} of {Rows} people of the batch after the kill (partial)");
            Require(!answered || imported == Rows, $"the commit answered 200 but {imported} people are there");
            if (imported == Rows)
            {
                Require(status == "committed", $"all people there but the batch is {status}");
                report.Count(answered ? "committed before the kill" : "wholly there (commit done, answer lost)");
                await JsonAsync(await _importer.PostAsync($"/api/personnel/people/imports/{batch}/rollback"), HttpStatusCode.OK);
                batch = null;
            }
            else
            {
                var staged = await ScalarAsync<long>("select count(*) from personnel.import_row where batch_id = @b", ("b", batch.Value));
                Require(status == "previewed" && staged == Rows, $"no people there but the batch is {status} with {staged} staged rows");
                report.Count("wholly absent");
            }

            if (trial == Trials)
            {
                batch ??= await PreviewAsync();
                watch.Restart();
                await JsonAsync(await _importer.PostAsync($"/api/personnel/people/imports/{batch}/commit"), HttpStatusCode.OK);
                TestContext.Progress.WriteLine($"import commit of {Rows} rows: {watch.Elapsed.TotalSeconds:0.0} s");
                Require(await ImportedAsync(batch.Value) == Rows, "the batch committed after the kills is not whole");
                report.Count("committed again after the kills");
            }
        });
    }
}
