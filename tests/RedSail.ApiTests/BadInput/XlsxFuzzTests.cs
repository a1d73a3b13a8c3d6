using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NUnit.Framework;
using RedSail.Platform.Access;
using RedSail.Testing;

namespace RedSail.ApiTests.BadInput;

/// <summary>
/// A seeded mutation fuzzer for the xlsx importers: valid workbooks with bytes flipped, the file cut short, zip entries truncated,
/// duplicated or dropped, and their XML mutated. Never a 5xx, and a refusal changes nothing. Runs REDSAIL_FUZZ_SECONDS (30 in CI)
/// split over the importers; REDSAIL_FUZZ_SEED replays a run. The seed and the number of cases are printed.
/// </summary>
[NonParallelizable]
public sealed class XlsxFuzzTests
{
    private TestHost _host = null!;
    private ApiClient _committee = null!;
    private Guid _branch;
    private readonly ErrorLog _errors = new();

    [OneTimeSetUp]
    public async Task Start()
    {
        _host = await Demo.StartAsync(services: s => s.AddLogging(b => b.AddProvider(_errors)));
        _branch = await Demo.BranchAsync(_host, "RS-03");
        _committee = _host.Client();
        await _committee.SignInAsync(await _host.CreateUserAsync(RoleCatalog.CommitteeAdmin, await Demo.RootAsync(_host)));
        await Demo.WaitForDeliveriesAsync(_host); // the sign-in reaches Analytics' usage board before the state is fingerprinted
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _committee.Dispose();
        await _host.DisposeAsync();
    }

    private IEnumerable<(string Path, Dictionary<string, string> Form, byte[] Seed)> Importers()
    {
        var people = PeopleSheets.Xlsx(Enumerable.Range(1, 3).Select(i => PeopleSheets.Row(i, "110105")));
        yield return ("/api/personnel/people/imports", new() { ["organizationId"] = _branch.ToString() }, people);
        yield return ("/api/personnel/records/imports", new() { ["set"] = "traits" }, people);
        yield return ("/api/honors/honours/import/preview", new(), PeopleSheets.Xlsx([new() { ["姓名"] = "张三", ["荣誉名称"] = "优秀共产党员", ["授予日期"] = "2024-07-01" }], "荣誉库"));
        yield return ("/api/archives/imports", new() { ["organizationId"] = _branch.ToString() },
            PeopleSheets.Xlsx([new() { ["文件名"] = "a.pdf", ["标题"] = "通知", ["发文日期"] = "2024-01-01" }], "元数据"));
        yield return ("/api/workflow/dues/base-imports", new() { ["organizationId"] = _branch.ToString(), ["baseFrom"] = "2026-01-01" },
            PeopleSheets.Xlsx([new() { ["工号"] = "E0001", ["姓名"] = "张三", ["缴费基数"] = "8000" }], "基数"));
    }

    [Test]
    public async Task Mutated_workbooks_never_get_a_5xx_and_a_refusal_changes_nothing()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("REDSAIL_FUZZ_SEED"), out var s) ? s : Random.Shared.Next();
        var seconds = double.TryParse(Environment.GetEnvironmentVariable("REDSAIL_FUZZ_SECONDS"), out var d) ? d : 30;
        var random = new Random(seed);
        var importers = Importers().ToList();
        var failures = new List<string>();
        var cases = 0;
        var statuses = new Dictionary<int, int>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var fingerprint = await StateFingerprint.TakeAsync(_host);

        while (clock.Elapsed.TotalSeconds < seconds)
        {
            var (path, form, original) = importers[cases % importers.Count];
            var (mutation, content) = Mutate(original, random);
            cases++;
            var response = await SendAsync(path, form, content);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var after = await StateFingerprint.TakeAsync(_host);
            if (status >= 500) failures.Add($"case {cases} {path} ({mutation}): {status} {_errors.Take()}");
            else if (status >= 400 && StateFingerprint.Changes(fingerprint, after).ToList() is { Count: > 0 } changes)
                failures.Add($"case {cases} {path} ({mutation}): refused with {status} but changed {string.Join(", ", changes)}");
            fingerprint = after; // an accepted preview may record its batch
        }

        TestContext.Out.WriteLine($"xlsx fuzz: seed {seed}, {cases} cases in {clock.Elapsed.TotalSeconds:F1} s ({cases / clock.Elapsed.TotalSeconds:F1}/s), " +
                                  $"statuses {string.Join(" ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key}×{p.Value}"))}");
        Assert.That(failures, Is.Empty, $"seed {seed} (replay with REDSAIL_FUZZ_SEED={seed})");
    }

    private Task<HttpResponseMessage> SendAsync(string path, Dictionary<string, string> form, byte[] content)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var body = new MultipartFormDataContent { { file, "file", "fuzz.xlsx" } };
        foreach (var (key, value) in form) body.Add(new StringContent(value), key);
        return _committee.Http.PostAsync(path, body);
    }

    /// <summary>One mutation of a valid workbook, named for the failure message.</summary>
    private static (string Name, byte[] Content) Mutate(byte[] original, Random random)
    {
        switch (random.Next(6))
        {
            case 0:
            {
                var bytes = (byte[])original.Clone();
                var flips = random.Next(1, 16);
                for (var i = 0; i < flips; i++) bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                return ($"{flips} bits flipped", bytes);
            }
            case 1:
                return ("cut short", original[..random.Next(1, original.Length)]);
            default:
                return Rezip(original, random);
        }
    }

    /// <summary>The workbook's entries written again with one of them truncated, duplicated, dropped or with its XML mutated.</summary>
    private static (string Name, byte[] Content) Rezip(byte[] original, Random random)
    {
        var entries = new List<(string Name, byte[] Data)>();
        using (var zip = new ZipArchive(new MemoryStream(original), ZipArchiveMode.Read))
            foreach (var entry in zip.Entries)
            {
                using var data = new MemoryStream();
                entry.Open().CopyTo(data);
                entries.Add((entry.FullName, data.ToArray()));
            }
        var victim = random.Next(entries.Count);
        var (name, bytes) = entries[victim];
        string mutation;
        switch (random.Next(4))
        {
            case 0:
                entries[victim] = (name, bytes[..random.Next(bytes.Length + 1)]);
                mutation = $"{name} truncated";
                break;
            case 1:
                entries.Insert(victim, (name, bytes));
                mutation = $"{name} duplicated";
                break;
            case 2:
                entries.RemoveAt(victim);
                mutation = $"{name} dropped";
                break;
            default:
                entries[victim] = (name, Encoding.UTF8.GetBytes(MutateXml(Encoding.UTF8.GetString(bytes), random)));
                mutation = $"{name} XML mutated";
                break;
        }
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (entryName, data) in entries)
            {
                using var stream = zip.CreateEntry(entryName).Open();
                stream.Write(data);
            }
        return (mutation, output.ToArray());
    }

    private static readonly string[] Insertions =
    [
        "<", ">", "&", "&#0;", "&#xFFFF;", "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>", "&b;", "\"", "'",
        "<c r=\"XFD1048577\" t=\"s\"><v>99999999</v></c>", "<v>-1</v>", "<row r=\"0\">", "</row>", "t=\"n\"", "<f>CMD|' /C calc'!A0</f>",
        "r=\"A99999999999\"", "<si><t>=HYPERLINK(\"http://x\")</t></si>", "\uFFFE", "\u0001",
    ];

    private static string MutateXml(string xml, Random random)
    {
        if (xml.Length == 0) return Insertions[random.Next(Insertions.Length)];
        var at = random.Next(xml.Length);
        return random.Next(3) switch
        {
            0 => xml.Insert(at, Insertions[random.Next(Insertions.Length)]),
            1 => xml.Remove(at, Math.Min(random.Next(1, 64), xml.Length - at)),
            _ => System.Text.RegularExpressions.Regex.Replace(xml, "\"[0-9]+\"", _ => random.Next(4) == 0 ? $"\"{random.NextInt64()}\"" : "\"1\"", System.Text.RegularExpressions.RegexOptions.None),
        };
    }
}
