using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using NUnit.Framework;
using RedSail.Platform.Access;
using RedSail.Testing;

namespace RedSail.ApiTests.BadInput;

/// <summary>
/// The bad-input corpus (corpus.json) against one seeded host: each case gets the 4xx (or, for searches, the empty answer) it
/// expects with its problem code and field, never a 5xx, and leaves the business state as it was (<see cref="StateFingerprint"/>).
/// </summary>
[NonParallelizable]
public sealed class BadInputTests
{
    private TestHost _host = null!;
    private readonly Dictionary<string, ApiClient> _callers = [];
    private Dictionary<string, string> _placeholders = null!;

    public static IEnumerable<BadInputCase> Corpus() => BadInputCase.Load();

    [OneTimeSetUp]
    public async Task Start()
    {
        _host = await Demo.StartAsync();
        await Demo.SeedHonorsAsync(_host);
        await Demo.SeedArchivesAsync(_host);
        await Demo.WaitForDeliveriesAsync(_host);
        var root = await Demo.RootAsync(_host);
        var branch = await Demo.BranchAsync(_host, "RS-03");
        _placeholders = new Dictionary<string, string>
        {
            ["{root}"] = root.ToString(), ["{branch}"] = branch.ToString(),
            ["{document}"] = (await _host.ScalarAsync<Guid>("select id from archives.document where removed_at is null order by id limit 1")).ToString(),
            ["{honour}"] = (await _host.ScalarAsync<Guid>("select id from honors.honour order by id limit 1")).ToString(),
        };
        foreach (var (name, role, organization) in new[]
                 {
                     ("committee", RoleCatalog.CommitteeAdmin, (Guid?)root), ("system_admin", RoleCatalog.SystemAdmin, null),
                     ("security_admin", RoleCatalog.SecurityAdmin, null),
                 })
        {
            var client = _host.Client();
            await client.SignInAsync(await _host.CreateUserAsync(role, organization));
            _callers[name] = client;
        }
        await Demo.WaitForDeliveriesAsync(_host); // the sign-ins reach Analytics' usage board before any case fingerprints the state
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        foreach (var client in _callers.Values) client.Dispose();
        await _host.DisposeAsync();
    }

    [Test]
    public void The_corpus_has_at_least_200_cases_in_every_category_the_issue_names()
    {
        var cases = BadInputCase.Load();
        TestContext.Out.WriteLine(string.Join(", ", cases.GroupBy(c => c.Category).Select(g => $"{g.Key} {g.Count()}")));
        Assert.That(cases, Has.Count.GreaterThanOrEqualTo(200));
        Assert.That(cases.Select(c => c.Category).Distinct(), Is.SupersetOf(new[]
            { "id-number", "date", "code-value", "length-unicode", "json-type", "oversized", "injection-query", "hostile-file", "platform" }));
    }

    [TestCaseSource(nameof(Corpus))]
    public async Task A_bad_input_gets_a_clear_answer_and_changes_nothing(BadInputCase @case)
    {
        var before = await StateFingerprint.TakeAsync(_host);

        using var response = await SendAsync(@case);
        var body = await response.Content.ReadAsStringAsync();
        var after = await StateFingerprint.TakeAsync(_host);

        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.LessThan(500), body);
            Assert.That((int)response.StatusCode, Is.EqualTo(@case.Status), body.Length > 600 ? body[..600] : body);
            Assert.That(StateFingerprint.Changes(before, after), Is.Empty, "state changed");
            Assert.That(body, Does.Not.Contain("   at "), "no stack trace reaches a client");
        });
        if (@case.Code is null && @case.Field is null) return;
        var problem = JsonDocument.Parse(body).RootElement;
        if (@case.Code is { } code) Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo(code), body);
        if (@case.Field is { } field) Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, $"an error on {field}: {body}");
    }

    /// <summary>Text that a spreadsheet would run as a formula (or DDE) if a cell began with it.</summary>
    private static readonly string[] Formulas = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1,2)"];

    [Test]
    public async Task Every_xlsx_export_neutralises_formula_prefixes()
    {
        // Stored values as a bug elsewhere or an old import might have left them (the APIs refuse most of them on the way in).
        await _host.ExecuteAsync($"""
            update personnel.person set name = (array['{string.Join("','", Formulas.Select(f => f.Replace("'", "''")))}'])[1 + abs(hashtext(id::text)) % 4]
            where organization_id = '{_placeholders["{branch}"]}';
            update honors.honour set title = '{Formulas[0].Replace("'", "''")}', conferring_body = '{Formulas[3]}';
            """);
        var committee = _callers["committee"];
        var exports = new Dictionary<string, HttpResponseMessage>
        {
            ["people"] = await committee.GetAsync($"/api/personnel/people/export?organizationId={_placeholders["{branch}"]}"),
            ["honours"] = await committee.GetAsync("/api/honors/honours/export"),
            ["analytics chart"] = await committee.PostAsync("/api/analytics/export",
                new { title = Formulas[0], columns = new[] { Formulas[1], "n" }, rows = new[] { new[] { Formulas[2], "3" }, new[] { Formulas[3], "-4" } } }),
        };
        foreach (var (name, response) in exports)
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(200), name);
            var cells = XlsxCells.Texts(await response.Content.ReadAsByteArrayAsync());
            Assert.Multiple(() =>
            {
                Assert.That(cells.Formulas, Is.Zero, $"{name}: formula cells");
                Assert.That(cells.Texts.Where(t => t.Length > 0 && "=+-@\t\r".Contains(t[0])), Is.Empty, $"{name}: text cells a spreadsheet would run");
                Assert.That(cells.Texts.Any(t => t.StartsWith("'=") || t.StartsWith("'@") || t.StartsWith("'+") || t.StartsWith("'-")), Is.True,
                    $"{name}: the seeded values are in the export, neutralised");
            });
        }
    }

    private Task<HttpResponseMessage> SendAsync(BadInputCase @case)
    {
        // Expect: 100-continue lets the server refuse an oversized body (413) before the client has sent it.
        var request = new HttpRequestMessage(new HttpMethod(@case.Method), Fill(@case.Path)) { Headers = { ExpectContinue = true } };
        if (@case.Body is { } body) request.Content = new StringContent(Fill(body), Encoding.UTF8, "application/json");
        else if (@case.FileGenerator is { } generator)
        {
            var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(HostileFiles.Make(generator));
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(file, "file", @case.FileName!);
            foreach (var (key, value) in @case.Form ?? new Dictionary<string, string>()) form.Add(new StringContent(Fill(value)), key);
            request.Content = form;
        }
        return _callers[@case.Caller].Http.SendAsync(request);
    }

    private string Fill(string text) => _placeholders.Aggregate(text, (t, p) => t.Replace(p.Key, p.Value));
}
