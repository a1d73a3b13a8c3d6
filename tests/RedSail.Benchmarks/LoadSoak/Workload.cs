using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;

namespace RedSail.Benchmarks.LoadSoak;

/// <summary>
/// One signed-in user of the load: the cookies the web UI would send, and what it works on — people of its scope to open,
/// people it may edit (each held by one worker at a time, so edits never race on a version), branches with their rosters
/// for meetings and the dues ledger, and name fragments to search for.
/// </summary>
internal sealed class Session
{
    public required string Name { get; init; }
    public required string Cookie { get; init; }
    public required string Csrf { get; init; }
    public required Guid[] People { get; init; }
    public required string[] Keywords { get; init; }
    public required Branch[] Branches { get; init; }
    public required ConcurrentQueue<Guid> Editable { get; init; }
    public required int PeoplePages { get; init; }
}

internal sealed record Branch(Guid Id, Guid[] Roster);

/// <summary>A call of the web UI, its share of the mix, and how to make it.</summary>
internal sealed record CallKind(string Name, int Weight, Func<Call, Task> Run);

/// <summary>
/// The mix: what the web UI's pages call (Host/web/src/api), weighted as a working day would use them — lists and details
/// most, the portal's headline on every home page, the tree on every personnel page, 5 % writes (editing a person against the
/// version read, recording a meeting). Honours and the archive are empty after the scale seed (it fills Personnel only;
/// Workflow and Analytics are filled set-based by the benchmark), so their calls cost what an empty module costs.
/// </summary>
internal static class Workload
{
    private static readonly string[] Filters =
    [
        "&status=full_member&gender=2", "&ageFrom=30&ageTo=45", "&status=probationary", "&education=2&sort=birthDate",
    ];

    private static readonly string[] ArchiveTerms = ["党建", "组织生活会", "三会一课", "主题党日", "党费"];

    public static readonly IReadOnlyList<CallKind> Kinds =
    [
        new("people list", 21, c => c.GetAsync($"/api/personnel/people?page={1 + c.Random.Next(c.Session.PeoplePages)}&pageSize=20")),
        new("people list, filtered", 10, c => c.GetAsync(c.Random.Next(3) == 0
            ? $"/api/personnel/people?page=1&pageSize=20&keyword={Uri.EscapeDataString(c.Pick(c.Session.Keywords))}"
            : $"/api/personnel/people?page=1&pageSize=20{c.Pick(Filters)}")),
        new("person detail", 12, c => c.GetAsync($"/api/personnel/people/{c.Pick(c.Session.People)}")),
        new("person timeline", 4, c => c.GetAsync($"/api/personnel/people/{c.Pick(c.Session.People)}/changes")),
        new("organisation tree", 5, c => c.GetAsync("/api/personnel/organizations")),
        new("reminders", 5, c => c.GetAsync("/api/personnel/reminders?page=1&pageSize=20")),
        new("to-do list", 8, c => c.GetAsync("/api/workflow/todos?page=1&pageSize=20")),
        new("meetings list", 8, c => c.GetAsync($"/api/workflow/meetings?organizationId={c.Pick(c.Session.Branches).Id}&page=1&pageSize=20")),
        new("dues ledger", 5, c => c.GetAsync($"/api/workflow/dues/ledger?organizationId={c.Pick(c.Session.Branches).Id}&year={c.Today.Year}&page=1&pageSize=20")),
        new("honours list", 4, c => c.GetAsync("/api/honors/honours?page=1&pageSize=20")),
        new("archive search", 3, c => c.GetAsync($"/api/archives/search?q={Uri.EscapeDataString(c.Pick(ArchiveTerms))}&page=1&pageSize=20")),
        new("analytics headline", 6, c => c.GetAsync("/api/analytics/headline")),
        new("analytics dashboard", 4, c => c.GetAsync("/api/analytics/dashboard")),
        new("edit person (PUT)", 3, EditPersonAsync),
        new("record meeting (POST)", 2, RecordMeetingAsync),
    ];

    public static int KindOf(string name) => Kinds.Select(k => k.Name).ToList().IndexOf(name);

    private static readonly int PersonDetail = KindOf("person detail");

    /// <summary>As the person form does: read the person (and its version), save the basics with one field changed. The ID number
    /// is left blank (unchanged) and the phone null (unchanged), as the form sends them when they were not touched.</summary>
    private static async Task EditPersonAsync(Call call)
    {
        if (!call.Session.Editable.TryDequeue(out var id))
        {
            await call.GetAsync($"/api/personnel/people/{call.Pick(call.Session.People)}", PersonDetail);
            return;
        }
        try
        {
            using var person = await call.GetJsonAsync($"/api/personnel/people/{id}", PersonDetail);
            if (person is null) return;
            var p = person.RootElement;
            string? Text(string name) => p.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var department = Text("department") == "党建工作部" ? "组织部" : "党建工作部";
            await call.SendAsync(HttpMethod.Put, $"/api/personnel/people/{id}", new
            {
                version = p.GetProperty("version").GetInt64(),
                basics = new
                {
                    name = Text("name"), gender = Text("gender"), ethnicity = Text("ethnicity"), birthDate = Text("birthDate"), idNumber = "",
                    nativePlace = Text("nativePlace"), phone = (string?)null, employeeNumber = Text("employeeNumber"), department, education = Text("education"),
                },
            });
        }
        finally
        {
            call.Session.Editable.Enqueue(id);
        }
    }

    /// <summary>As the meeting form does: a 主题党日 of one of the user's branches on a past day, its roster present but one.</summary>
    private static Task RecordMeetingAsync(Call call)
    {
        var branch = call.Pick(call.Session.Branches);
        var day = call.Today.AddDays(-1 - call.Random.Next(28));
        return call.SendAsync(HttpMethod.Post, "/api/workflow/meetings", new
        {
            organizationId = branch.Id,
            meeting = new
            {
                type = "theme_day", startsAt = $"{day:yyyy-MM-dd}T14:30:00+08:00", endsAt = $"{day:yyyy-MM-dd}T16:00:00+08:00", place = "党员活动室",
                hostPersonId = branch.Roster[0], recorderName = "组织委员", topic = "学习贯彻党的二十大精神", resolutions = "通过学习计划",
                present = branch.Roster.Take(Math.Max(1, branch.Roster.Length - 1)).ToArray(), excused = Array.Empty<object>(),
            },
        });
    }
}

/// <summary>One call of one worker: sends as its session, times each request and records it under its kind.</summary>
internal sealed class Call(HttpClient http, Session session, Random random, Func<Recorder> recorder, DateOnly today, int kind)
{
    /// <summary>The first answer of each failing kind and status, to say why in the report.</summary>
    public static readonly ConcurrentDictionary<string, string> FirstFailures = new();

    public Session Session => session;
    public Random Random => random;
    public DateOnly Today => today;

    public T Pick<T>(T[] items) => items[random.Next(items.Length)];

    public Task GetAsync(string path, int? asKind = null) => TimedAsync(new HttpRequestMessage(HttpMethod.Get, path), asKind ?? kind, read: false);

    public async Task<JsonDocument?> GetJsonAsync(string path, int asKind) =>
        await TimedAsync(new HttpRequestMessage(HttpMethod.Get, path), asKind, read: true) is { } body ? JsonDocument.Parse(body) : null;

    public Task SendAsync(HttpMethod method, string path, object body)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-CSRF-Token", session.Csrf);
        return TimedAsync(request, kind, read: false);
    }

    /// <summary>Sends and reads the whole body (the UI would); a non-2xx, a timeout or a broken connection is a failure of the kind.</summary>
    private async Task<byte[]?> TimedAsync(HttpRequestMessage request, int asKind, bool read)
    {
        request.Headers.TryAddWithoutValidation("Cookie", session.Cookie);
        request.Headers.TryAddWithoutValidation("Accept-Language", "zh-CN");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        string? failure = null;
        byte[]? body = null;
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            if (!response.IsSuccessStatusCode)
            {
                failure = ((int)response.StatusCode).ToString();
                FirstFailures.TryAdd($"{Workload.Kinds[asKind].Name} → {failure}", System.Text.Encoding.UTF8.GetString(bytes.AsSpan(0, Math.Min(bytes.Length, 400))));
            }
            else if (read) body = bytes;
        }
        catch (TaskCanceledException) { failure = "timeout"; }
        catch (HttpRequestException e) { failure = e.HttpRequestError.ToString(); }
        finally { request.Dispose(); }
        recorder().Record(asKind, System.Diagnostics.Stopwatch.GetElapsedTime(started), failure);
        return body;
    }
}
