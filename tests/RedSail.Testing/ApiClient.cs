using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace RedSail.Testing;

/// <summary>
/// An HTTP client that behaves like the web UI: keeps cookies, echoes the CSRF cookie in X-CSRF-Token on
/// state-changing requests, and sends Accept-Language.
/// </summary>
public sealed class ApiClient : IDisposable
{
    private readonly CookieContainer _cookies = new();
    private readonly Uri _base;

    public ApiClient(Uri baseAddress)
    {
        _base = baseAddress;
        Http = new HttpClient(new CsrfHandler(_cookies, baseAddress) { InnerHandler = new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = false } })
        {
            BaseAddress = baseAddress,
        };
        Language = "zh-CN";
    }

    public HttpClient Http { get; }

    public string Language
    {
        set
        {
            Http.DefaultRequestHeaders.AcceptLanguage.Clear();
            Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(value);
        }
    }

    public Task<HttpResponseMessage> GetAsync(string path) => Http.GetAsync(path);
    public Task<HttpResponseMessage> PostAsync(string path, object? body = null) => Http.PostAsJsonAsync(path, body ?? new { });
    public Task<HttpResponseMessage> DeleteAsync(string path) => Http.DeleteAsync(path);

    /// <summary>A JSON request carrying an <c>Idempotency-Key</c> header (a client's retry sends the same key and body again).</summary>
    public Task<HttpResponseMessage> SendWithKeyAsync(HttpMethod method, string path, object? body, string idempotencyKey)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body ?? new { }) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return Http.SendAsync(request);
    }

    /// <summary>A POST as a cross-site form would send it: with the cookies, without the CSRF header.</summary>
    public Task<HttpResponseMessage> PostWithoutCsrfAsync(string path, object? body = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body ?? new { }) };
        request.Headers.Add(NoCsrfMarker, "1");
        return Http.SendAsync(request);
    }

    private const string NoCsrfMarker = "X-Test-No-Csrf";

    public async Task<T> GetJsonAsync<T>(string path)
    {
        var response = await Http.GetAsync(path);
        await EnsureAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    /// <summary>Signs in with password, and TOTP when the account needs it; fails the test if it does not end signed in.</summary>
    public async Task SignInAsync(TestUser user)
    {
        var response = await PostAsync("/api/platform/auth/login", new { userName = user.UserName, password = user.Password });
        await EnsureAsync(response, HttpStatusCode.OK);
        var next = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("next").GetString();
        if (next is "totp" or "totp-setup")
        {
            response = await PostAsync("/api/platform/auth/totp", new { code = user.NextTotpCode() });
            await EnsureAsync(response, HttpStatusCode.OK);
            next = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("next").GetString();
        }
        if (next != "done") throw new InvalidOperationException($"Sign-in of {user.UserName} stopped at '{next}'.");
    }

    public string? Cookie(string name) => _cookies.GetCookies(_base)[name]?.Value;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered " +
                                                $"{(int)response.StatusCode}, expected {(int)expected}: {await response.Content.ReadAsStringAsync()}");
    }

    public void Dispose() => Http.Dispose();

    private sealed class CsrfHandler(CookieContainer cookies, Uri baseAddress) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method != HttpMethod.Get && cookies.GetCookies(baseAddress)["redsail.csrf"]?.Value is { } token
                && !request.Headers.Contains(NoCsrfMarker))
                request.Headers.Add("X-CSRF-Token", token);
            request.Headers.Remove(NoCsrfMarker);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
