using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using RedSail.BuildingBlocks.Web;
using RedSail.Platform.Access;
using RedSail.Testing;

namespace RedSail.ApiTests;

/// <summary>What the API promises as a whole: declared access, documented operations, problem answers, health.</summary>
public sealed class ApiSurfaceTests
{
    private TestHost _host = null!;

    [OneTimeSetUp]
    public async Task Start() => _host = await TestHost.StartFreshAsync();

    [OneTimeTearDown]
    public ValueTask Stop() => _host.DisposeAsync();

    private IEnumerable<RouteEndpoint> ApiEndpoints() =>
        _host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/") && !e.RoutePattern.RawText.Contains("{**"));

    [Test]
    public void Every_api_endpoint_declares_who_may_call_it()
    {
        var undeclared = ApiEndpoints()
            .Where(e => e.Metadata.GetMetadata<RequiredPermission>() is null && e.Metadata.GetMetadata<AnonymousAccess>() is null
                        && e.Metadata.GetMetadata<SignedInAccess>() is null)
            .Select(e => e.RoutePattern.RawText);
        Assert.That(undeclared, Is.Empty);
    }

    [Test]
    public void Only_the_sign_in_steps_and_token_exchange_are_open_to_anyone()
    {
        // auth/options: which ways to sign in the sign-in page offers (OA single sign-on, local passwords for whom).
        var open = ApiEndpoints().Where(e => e.Metadata.GetMetadata<AnonymousAccess>() is not null).Select(e => e.RoutePattern.RawText).Order();
        Assert.That(open, Is.EqualTo(new[]
        {
            "/api/platform/auth/login", "/api/platform/auth/logout", "/api/platform/auth/options", "/api/platform/auth/totp", "/api/platform/oa/token",
        }));
    }

    [Test]
    public async Task The_openapi_document_needs_a_signed_in_user_and_covers_every_api_endpoint()
    {
        using var anonymous = _host.Client();
        await Problems.ExpectAsync(await anonymous.GetAsync("/openapi/v1.json"), HttpStatusCode.Unauthorized, "unauthenticated");

        using var client = _host.Client();
        await client.SignInAsync(await _host.CreateUserAsync(RoleCatalog.SystemAdmin));
        var document = await Problems.JsonAsync(await client.GetAsync("/openapi/v1.json"));
        var documented = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => $"{m.Name.ToUpperInvariant()} {Normalize(p.Name)}")).ToHashSet();
        var served = ApiEndpoints().SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods
            .Select(m => $"{m} {Normalize(e.RoutePattern.RawText!)}"));

        Assert.That(served.Except(documented), Is.Empty);
    }

    // Route constraints ({id:guid}) do not appear in OpenAPI paths ({id}).
    private static string Normalize(string path) => System.Text.RegularExpressions.Regex.Replace(path, @"\{(\w+)(:[^}]*)?\}", "{$1}");

    [Test]
    public async Task Health_answers_with_the_database_reachable()
    {
        using var client = _host.Client();
        var health = await Problems.JsonAsync(await client.GetAsync("/health"));
        Assert.That(health.GetProperty("database").GetString(), Is.EqualTo("reachable"));
    }

    [Test]
    public async Task An_unknown_api_path_is_a_404_problem_not_the_web_page()
    {
        using var client = _host.Client();
        await Problems.ExpectAsync(await client.GetAsync("/api/personnel/no-such-thing"), HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task Malformed_json_gets_a_clear_400_in_the_callers_language()
    {
        using var client = _host.Client();
        client.Language = "en";
        var response = await client.Http.PostAsync("/api/platform/auth/login", new StringContent("{\"userName\":", System.Text.Encoding.UTF8, "application/json"));
        var problem = await Problems.ExpectAsync(response, HttpStatusCode.BadRequest, "malformed_request");
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("malformed"));
    }

    [Test]
    public async Task Field_errors_name_the_field_in_Chinese_by_default_and_in_English_on_request()
    {
        using var client = _host.Client();
        var zh = await Problems.ExpectAsync(await client.PostAsync("/api/platform/auth/login", new { userName = "" }), HttpStatusCode.BadRequest, "validation_failed");
        client.Language = "en-US";
        var en = await Problems.ExpectAsync(await client.PostAsync("/api/platform/auth/login", new { userName = "" }), HttpStatusCode.BadRequest, "validation_failed");

        Assert.Multiple(() =>
        {
            Assert.That(zh.GetProperty("errors").GetProperty("userName")[0].GetString(), Is.EqualTo("用户名不能为空。"));
            Assert.That(zh.GetProperty("errors").GetProperty("password")[0].GetString(), Is.EqualTo("口令不能为空。"));
            Assert.That(en.GetProperty("errors").GetProperty("userName")[0].GetString(), Is.EqualTo("User name is required."));
        });
    }

    [Test]
    public async Task Responses_carry_the_browser_hardening_headers()
    {
        using var client = _host.Client();
        var response = await client.GetAsync("/health");
        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("default-src 'self'").And.Contain("connect-src 'self'"));
            Assert.That(response.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));
            Assert.That(response.Headers.GetValues("X-Frame-Options").Single(), Is.EqualTo("DENY"));
        });
    }

    [Test]
    public async Task The_web_ui_is_served_for_its_own_routes()
    {
        using var client = _host.Client();
        var response = await client.GetAsync("/system/users");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("<div id=\"app\">"));
    }
}
