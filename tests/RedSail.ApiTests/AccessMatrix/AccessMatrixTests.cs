using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using RedSail.Platform.Access;
using RedSail.Platform.Features.OaClients;
using RedSail.Testing;

namespace RedSail.ApiTests.AccessMatrix;

/// <summary>
/// Every API endpoint × every role of RoleCatalog × (in scope, out of scope), anonymous, and an OA client without the module's scope,
/// against one seeded host. The expectations come from the reviewed endpoints.tsv (not from the endpoint metadata, which is what is
/// under test) and the role grants; scoped roles are granted on one general branch, so the demo data has objects on both sides.
/// Every JSON body a GET returns is scanned for the seeded people's sensitive values in clear (<see cref="SensitiveValues"/>).
/// </summary>
[NonParallelizable]
public sealed class AccessMatrixTests
{
    private const string ScopeBranch = "RS-03";

    private TestHost _host = null!;
    private IReadOnlyList<MatrixRow> _rows = null!;
    private SensitiveValues _sensitive = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _host = await Demo.StartAsync(new Dictionary<string, string?> { ["Security:OaRequestsPerMinute"] = "100000" });
        await Demo.SeedWorkflowAsync(_host);
        await Demo.SeedHonorsAsync(_host);
        await Demo.SeedArchivesAsync(_host);
        await Demo.WaitForDeliveriesAsync(_host);
        _rows = MatrixRow.Load();
        _sensitive = await SensitiveValues.ReadAsync(_host);
    }

    [OneTimeTearDown]
    public ValueTask Stop() => _host.DisposeAsync();

    [Test]
    public void Every_endpoint_has_exactly_one_reviewed_row()
    {
        var served = _host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/") && !e.RoutePattern.RawText.Contains("{**"))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToHashSet();
        var listed = _rows.Select(r => r.Key).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(served.Except(listed).Order(), Is.Empty, "endpoints without a row in AccessMatrix/endpoints.tsv");
            Assert.That(listed.Except(served).Order(), Is.Empty, "rows of endpoints.tsv that the host does not serve");
            Assert.That(listed.GroupBy(k => k).Where(g => g.Count() > 1).Select(g => g.Key), Is.Empty, "endpoints listed twice");
        });
    }

    [Test]
    public async Task Every_endpoint_answers_every_caller_as_the_table_and_the_role_grants_say_and_masks_what_it_returns()
    {
        var objects = await MatrixObjects.ResolveAsync(_host, ScopeBranch);
        var callers = await CallersAsync(objects);
        // The callers' sign-ins reach Analytics' usage board through the outbox: let them arrive before the state is fingerprinted.
        await Demo.WaitForDeliveriesAsync(_host);
        var mismatches = new List<string>();
        var leaks = new List<string>();
        var requests = 0;
        var before = await StateFingerprint.TakeAsync(_host);

        foreach (var row in _rows)
        foreach (var (caller, variant, expected) in Expectations(row, callers))
        {
            var path = objects.Fill(row.Path, inside: variant == Variant.InScope);
            using var response = await caller.SendAsync(row.Method, path);
            requests++;
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            if (status != expected)
            {
                mismatches.Add($"{row.Key} as {caller.Name} ({variant}): {status}, expected {expected} (endpoints.tsv:{row.Line}) {Trim(response, body)}");
                TestContext.Out.WriteLine($"MISMATCH\t{row.Line}\t{caller.Name}\t{variant}\t{status}\t{expected}\t{Trim(response, body)}");
            }
            var own = caller.Role?.Code == RoleCatalog.Member ? objects.MemberEmployeeNumber : null;
            if (row.Method == "GET" && status == 200 && !path.Contains("unmask=true") && _sensitive.FindIn(body, own) is { } leaked)
                leaks.Add($"{row.Key} as {caller.Name}: {leaked}");
        }

        TestContext.Out.WriteLine($"access matrix: {_rows.Count} endpoints, {callers.Count} callers, {requests} requests, " +
                                  $"{_sensitive.Count} sensitive values looked for");
        var changes = StateFingerprint.Changes(before, await StateFingerprint.TakeAsync(_host)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(changes, Is.Empty, "the matrix changed the seeded state: a row sends a write that should be \"-\"");
            Assert.That(mismatches, Is.Empty, "statuses that differ from the table");
            Assert.That(leaks, Is.Empty, "sensitive values in clear");
        });
    }

    private enum Variant { InScope, OutOfScope }

    /// <summary>Who gets which answer: derived from the row and the role grants, never from the endpoint's metadata.</summary>
    private static IEnumerable<(Caller Caller, Variant Variant, int Expected)> Expectations(MatrixRow row, IReadOnlyList<Caller> callers)
    {
        foreach (var caller in callers)
        {
            if (row.IsAnonymous)
            {
                if (caller.Role is null && caller.OaScope is null && row.Allowed is { } open) yield return (caller, Variant.InScope, open);
                continue;
            }
            if (caller.Role is null && caller.OaScope is null)
            {
                yield return (caller, Variant.InScope, 401);
                continue;
            }
            if (caller.OaScope is { } scope)
            {
                // The caller is chosen without the endpoint's module: the module gate refuses before any permission is looked at.
                if (scope != row.Module) yield return (caller, Variant.InScope, 403);
                continue;
            }
            var role = caller.Role!;
            var holds = row.NeedsOnlySignIn || row.Permissions.All(role.Permissions.Contains);
            if (!holds)
            {
                yield return (caller, Variant.InScope, 403);
                continue;
            }
            if (row.Scope == ScopeRule.GlobalOnly && role.Scoped)
            {
                yield return (caller, Variant.InScope, 403);
                continue;
            }
            if (row.Allowed is { } allowed) yield return (caller, Variant.InScope, allowed);
            if (row.Scope == ScopeRule.Subtree && role.Scoped && row.OutOfScope is { } outside) yield return (caller, Variant.OutOfScope, outside);
        }
    }

    /// <summary>Anonymous, every role (scoped ones on <see cref="ScopeBranch"/>; the member linked to a person there), and two OA clients.</summary>
    private async Task<IReadOnlyList<Caller>> CallersAsync(MatrixObjects objects)
    {
        var callers = new List<Caller> { new("anonymous", null, null, _host.Client().Http) };
        foreach (var role in RoleCatalog.All)
        {
            var user = await _host.CreateUserAsync(role.Code, role.Scoped ? objects.ScopeRoot : null,
                role.Code == RoleCatalog.Member ? objects.MemberEmployeeNumber : null);
            var client = _host.Client();
            await client.SignInAsync(user);
            callers.Add(new Caller(role.Code, role, null, client.Http));
        }
        foreach (var scope in new[] { "personnel", "workflow" })
        {
            var registered = await _host.SendAsync(new RegisterOaClient("矩阵 OA " + scope, [scope]));
            var http = new HttpClient { BaseAddress = _host.BaseAddress };
            var token = await http.PostAsJsonAsync("/api/platform/oa/token", new { clientId = registered.ClientId, clientSecret = registered.ClientSecret });
            var json = await Problems.JsonAsync(token);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", json.GetProperty("access_token").GetString());
            callers.Add(new Caller("oa-" + scope, null, scope, http));
        }
        return callers;
    }

    private static string Trim(HttpResponseMessage response, string body) =>
        response.Content.Headers.ContentType?.MediaType?.Contains("json") != true ? $"({response.Content.Headers.ContentType?.MediaType})"
        : body.Length > 300 ? body[..300] + "…" : body;

    /// <summary>A signed-in role, an OA client (with one module scope) or nobody. Writes carry an empty JSON object.</summary>
    private sealed record Caller(string Name, RoleDefinition? Role, string? OaScope, HttpClient Http)
    {
        public Task<HttpResponseMessage> SendAsync(string method, string path)
        {
            var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method is "POST" or "PUT" or "PATCH") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            return Http.SendAsync(request);
        }
    }
}
