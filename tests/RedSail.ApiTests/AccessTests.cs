using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using NUnit.Framework;
using RedSail.Platform.Access;
using RedSail.Platform.Features.OaClients;
using RedSail.Testing;

namespace RedSail.ApiTests;

/// <summary>Server-side access control on every call: who, which role, which organisation subtree, which OA scope.</summary>
public sealed class AccessTests
{
    private TestHost _host = null!;
    private Guid _root;

    [OneTimeSetUp]
    public async Task Start()
    {
        _host = await Demo.StartAsync();
        _root = await Demo.RootAsync(_host);
    }

    [OneTimeTearDown]
    public ValueTask Stop() => _host.DisposeAsync();

    private Task<long> DeniedRowsAsync(string action) =>
        _host.ScalarAsync<long>("select count(*) from platform.audit_log where result = 'denied' and action = @action", ("action", action));

    [TestCase("/api/platform/auth/me")]
    [TestCase("/api/platform/users")]
    [TestCase("/api/personnel/organizations")]
    public async Task An_anonymous_call_gets_401(string path)
    {
        using var client = _host.Client();
        await Problems.ExpectAsync(await client.GetAsync(path), HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Test]
    public async Task An_out_of_role_call_gets_403_and_is_audited()
    {
        var committee = await _host.CreateUserAsync(RoleCatalog.CommitteeAdmin, _root);
        using var client = _host.Client();
        await client.SignInAsync(committee);
        var before = await DeniedRowsAsync("GET /api/platform/users");

        await Problems.ExpectAsync(await client.GetAsync("/api/platform/users"), HttpStatusCode.Forbidden, "forbidden");

        Assert.That(await DeniedRowsAsync("GET /api/platform/users"), Is.EqualTo(before + 1));
        Assert.That(await _host.ScalarAsync<string>(
            "select user_name from platform.audit_log where action = 'GET /api/platform/users' order by sequence desc limit 1"), Is.EqualTo(committee.UserName));
    }

    [Test]
    public async Task Administrators_do_not_see_business_data()
    {
        foreach (var role in TestHost.AdministratorRoles)
        {
            var admin = await _host.CreateUserAsync(role);
            using var client = _host.Client();
            await client.SignInAsync(admin);
            await Problems.ExpectAsync(await client.GetAsync("/api/personnel/organizations"), HttpStatusCode.Forbidden, "forbidden");
        }
    }

    [Test]
    public async Task A_branch_secretary_sees_only_their_branch()
    {
        var branch = await Demo.BranchAsync(_host, "RS-03");
        var secretary = await _host.CreateUserAsync(RoleCatalog.BranchSecretary, branch);
        using var client = _host.Client();
        await client.SignInAsync(secretary);

        var organizations = await Problems.JsonAsync(await client.GetAsync("/api/personnel/organizations"));

        var codes = organizations.EnumerateArray().Select(o => o.GetProperty("code").GetString()).ToList();
        Assert.That(codes, Is.EquivalentTo(new[] { "RS-03", "RS-03-1", "RS-03-2" }));
    }

    [Test]
    public async Task A_state_change_without_the_csrf_token_is_refused()
    {
        var admin = await _host.CreateUserAsync(RoleCatalog.SystemAdmin);
        using var client = _host.Client();
        await client.SignInAsync(admin);
        var body = new { userName = "csrf-" + Guid.NewGuid().ToString("N")[..6], displayName = "跨站", password = "Initial#Pass2026" };

        await Problems.ExpectAsync(await client.PostWithoutCsrfAsync("/api/platform/users", body), HttpStatusCode.Forbidden, "csrf");
        Assert.That(await _host.ScalarAsync<long>("select count(*) from platform.user_account where user_name = @n", ("n", body.userName)), Is.Zero);
        Assert.That((await client.PostAsync("/api/platform/users", body)).StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task An_oa_client_reads_only_the_modules_in_its_scope()
    {
        var (clientId, secret) = await RegisterAsync("personnel");
        using var http = new HttpClient { BaseAddress = _host.BaseAddress };
        var token = await TokenAsync(http, clientId, secret);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var organizations = await Problems.JsonAsync(await http.GetAsync("/api/personnel/organizations"));
        Assert.That(organizations.GetArrayLength(), Is.EqualTo(56), "an OA client reads the whole tree of the module it may use");
        await Problems.ExpectAsync(await http.GetAsync("/api/platform/users"), HttpStatusCode.Forbidden, "oa_scope");
    }

    [Test]
    public async Task An_oa_client_without_the_scope_gets_403_and_is_audited()
    {
        var (clientId, secret) = await RegisterAsync("workflow");
        using var http = new HttpClient { BaseAddress = _host.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(http, clientId, secret));

        await Problems.ExpectAsync(await http.GetAsync("/api/personnel/organizations"), HttpStatusCode.Forbidden, "oa_scope");

        Assert.That(await _host.ScalarAsync<long>(
            "select count(*) from platform.audit_log where client_id = @id and result = 'denied' and detail = 'oa_scope'", ("id", clientId)), Is.EqualTo(1L));
    }

    [Test]
    public async Task A_wrong_secret_gets_no_token_and_a_disabled_client_loses_its_token()
    {
        var (clientId, secret) = await RegisterAsync("personnel");
        using var http = new HttpClient { BaseAddress = _host.BaseAddress };
        await Problems.ExpectAsync(await http.PostAsJsonAsync("/api/platform/oa/token", new { clientId, clientSecret = secret + "x" }),
            HttpStatusCode.Unauthorized, "oa.invalid_client");

        var token = await TokenAsync(http, clientId, secret);
        await _host.SendAsync(new DisableOaClient(clientId));
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await Problems.ExpectAsync(await http.GetAsync("/api/personnel/organizations"), HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Test]
    public async Task The_security_administrator_registers_lists_and_disables_oa_clients_and_sees_the_secret_once()
    {
        using var security = _host.Client();
        await security.SignInAsync(await _host.CreateUserAsync(RoleCatalog.SecurityAdmin));

        var registered = await Problems.JsonAsync(await security.PostAsync("/api/platform/oa-clients", new { name = "泛微 OA", scopes = new[] { "personnel", "workflow" } }),
            HttpStatusCode.Created);
        var clientId = registered.GetProperty("clientId").GetString()!;
        var listed = await Problems.JsonAsync(await security.GetAsync("/api/platform/oa-clients"));
        var entry = listed.EnumerateArray().Single(c => c.GetProperty("clientId").GetString() == clientId);
        var disabled = await security.PostAsync($"/api/platform/oa-clients/{clientId}/disable");

        Assert.Multiple(() =>
        {
            Assert.That(registered.GetProperty("clientSecret").GetString(), Has.Length.GreaterThanOrEqualTo(40));
            Assert.That(entry.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()), Is.EqualTo(new[] { "personnel", "workflow" }));
            Assert.That(entry.TryGetProperty("clientSecret", out _), Is.False, "the secret is never listed");
            Assert.That(disabled.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        });
        var unknownScope = await Problems.ExpectAsync(await security.PostAsync("/api/platform/oa-clients", new { name = "x", scopes = new[] { "platform" } }),
            HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(unknownScope.GetProperty("errors").GetProperty("scopes")[0].GetString(), Does.Contain("personnel"));
    }

    [Test]
    public async Task The_token_endpoint_accepts_the_oauth_form_encoding()
    {
        var (clientId, secret) = await RegisterAsync("personnel");
        using var http = new HttpClient { BaseAddress = _host.BaseAddress };
        var response = await http.PostAsync("/api/platform/oa/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret,
        }));
        var json = await Problems.JsonAsync(response);
        Assert.That((json.GetProperty("token_type").GetString(), json.GetProperty("expires_in").GetInt32()), Is.EqualTo(("Bearer", 3600)));
    }

    private async Task<(string ClientId, string Secret)> RegisterAsync(string scope)
    {
        var registered = await _host.SendAsync(new RegisterOaClient("测试 OA", [scope]));
        return (registered.ClientId, registered.ClientSecret);
    }

    private static async Task<string> TokenAsync(HttpClient http, string clientId, string secret)
    {
        var json = await Problems.JsonAsync(await http.PostAsJsonAsync("/api/platform/oa/token", new { clientId, clientSecret = secret }));
        return json.GetProperty("access_token").GetString()!;
    }
}
