using System.Net;
using System.Net.Http.Json;
using NUnit.Framework;
using RedSail.Platform.Access;
using RedSail.Testing;

namespace RedSail.ApiTests;

/// <summary>Local sign-in over HTTP: passwords, lockout, second factor, forced change, sessions.</summary>
public sealed class SignInTests
{
    private TestHost _host = null!;

    [OneTimeSetUp]
    public async Task Start() => _host = await TestHost.StartFreshAsync(new Dictionary<string, string?>
    {
        ["Security:SignInAttemptsPerMinutePerAddress"] = "1000", // the per-address limit has its own test fixture
    });

    [OneTimeTearDown]
    public ValueTask Stop() => _host.DisposeAsync();

    private static object Credentials(string userName, string password) => new { userName, password };

    [Test]
    public async Task A_wrong_password_and_an_unknown_user_get_the_same_answer()
    {
        var user = await _host.CreateUserAsync(RoleCatalog.CommitteeAdmin, await OrganizationAsync());
        using var client = _host.Client();

        var wrong = await Problems.ExpectAsync(await client.PostAsync("/api/platform/auth/login", Credentials(user.UserName, "Wrong-password-1")),
            HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        var unknown = await Problems.ExpectAsync(await client.PostAsync("/api/platform/auth/login", Credentials("nobody-" + Guid.NewGuid().ToString("N")[..6], "Wrong-password-1")),
            HttpStatusCode.Unauthorized, "auth.invalid_credentials");

        Assert.That(unknown.GetProperty("detail").GetString(), Is.EqualTo(wrong.GetProperty("detail").GetString()));
    }

    [Test]
    public async Task Five_failures_lock_the_account_for_thirty_minutes_even_for_the_right_password()
    {
        var user = await _host.CreateUserAsync(RoleCatalog.CommitteeAdmin, await OrganizationAsync());
        using var client = _host.Client();
        for (var i = 0; i < 4; i++)
            await Problems.ExpectAsync(await client.PostAsync("/api/platform/auth/login", Credentials(user.UserName, "Wrong-password-" + i)),
                HttpStatusCode.Unauthorized, "auth.invalid_credentials");

        var fifth = await Problems.ExpectAsync(await client.PostAsync("/api/platform/auth/login", Credentials(user.UserName, "Wrong-password-5")),
            (HttpStatusCode)423, "auth.locked");
        var right = await Problems.ExpectAsync(await client.PostAsync("/api/platform/auth/login", Credentials(user.UserName, user.Password)),
            (HttpStatusCode)423, "auth.locked");

        Assert.Multiple(() =>
        {
            Assert.That(fifth.GetProperty("lockedMinutes").GetInt32(), Is.EqualTo(30));
            Assert.That(fifth.GetProperty("detail").GetString(), Does.Contain("锁定").And.Contain("30"));
            Assert.That(right.GetProperty("lockedMinutes").GetInt32(), Is.InRange(29, 30));
        });
    }

    [Test]
    public async Task An_unknown_user_name_locks_like_a_real_one()
    {
        using var client = _host.Client();
        var name = "ghost-" + Guid.NewGuid().ToString("N")[..6];
        HttpResponseMessage last = null!;
        for (var i = 0; i < 5; i++) last = await client.PostAsync("/api/platform/auth/login", Credentials(name, "Wrong-password-" + i));
        await Problems.ExpectAsync(last, (HttpStatusCode)423, "auth.locked");
    }

    [Test]
    public async Task The_system_administrator_can_lift_a_lock()
    {
        var user = await _host.CreateUserAsync(RoleCatalog.CommitteeAdmin, await OrganizationAsync());
        var admin = await _host.CreateUserAsync(RoleCatalog.SystemAdmin);
        using var client = _host.Client();
        for (var i = 0; i < 5; i++) await client.PostAsync("/api/platform/auth/login", Credentials(user.UserName, "Wrong-password-" + i));
        using var adminClient = _host.Client();
        await adminClient.SignInAsync(admin);

        var unlock = await adminClient.PostAsync($"/api/platform/users/{user.Id}/unlock");
        Assert.That(unlock.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await Problems.NextStepAsync(await client.PostAsync("/api/platform/auth/login", Credentials(user.UserName, user.Password))), Is.EqualTo("done"));
    }

    [Test]
    public async Task Administrators_need_a_second_factor_and_a_code_is_used_once()
    {
        var admin = await _host.CreateUserAsync(RoleCatalog.AuditAdmin);
        using var client = _host.Client();

        Assert.That(await Problems.NextStepAsync(await client.PostAsync("/api/platform/auth/login", Credentials(admin.UserName, admin.Password))), Is.EqualTo("totp"));
        await Problems.ExpectAsync(await client.GetAsync("/api/platform/auth/me"), HttpStatusCode.Unauthorized, "unauthenticated");
        var code = admin.NextTotpCode();
        var wrong = ((int.Parse(code) + 1) % 1_000_000).ToString("D6");
        await Problems.ExpectAsync(await client.PostAsync("/api/platform/auth/totp", new { code = wrong }), HttpStatusCode.Unauthorized, "auth.invalid_totp");

        Assert.That(await Problems.NextStepAsync(await client.PostAsync("/api/platform/auth/totp", new { code })), Is.EqualTo("done"));
        Assert.That((await client.GetAsync("/api/platform/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        using var replay = _host.Client();
        await replay.PostAsync("/api/platform/auth/login", Credentials(admin.UserName, admin.Password));
        await Problems.ExpectAsync(await replay.PostAsync("/api/platform/auth/totp", new { code }), HttpStatusCode.Unauthorized, "auth.invalid_totp");
    }

    [Test]
    public async Task A_new_administrator_without_a_second_factor_enrols_one_at_first_sign_in()
    {
        var security = await _host.CreateUserAsync(RoleCatalog.SecurityAdmin);
        var systemAdmin = await _host.CreateUserAsync(RoleCatalog.SystemAdmin);
        using var admin = _host.Client();
        await admin.SignInAsync(systemAdmin);
        var created = await Problems.JsonAsync(await admin.PostAsync("/api/platform/users",
            new { userName = "newadmin-" + Guid.NewGuid().ToString("N")[..6], displayName = "新管理员", password = "Initial#Pass2026" }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        using var securityClient = _host.Client();
        await securityClient.SignInAsync(security);
        await Problems.JsonAsync(await securityClient.PostAsync($"/api/platform/users/{id}/grants", new { role = RoleCatalog.AuditAdmin }), HttpStatusCode.Created);
        var userName = await _host.ScalarAsync<string>("select user_name from platform.user_account where id = @id", ("id", id));

        using var client = _host.Client();
        var login = await Problems.JsonAsync(await client.PostAsync("/api/platform/auth/login", Credentials(userName!, "Initial#Pass2026")));
        Assert.That(login.GetProperty("next").GetString(), Is.EqualTo("totp-setup"));
        var secret = login.GetProperty("totpSetup").GetProperty("secret").GetString()!;
        var enrolled = new TestUser(id, userName!, "Initial#Pass2026", secret);
        var next = await Problems.NextStepAsync(await client.PostAsync("/api/platform/auth/totp", new { code = enrolled.NextTotpCode() }));

        Assert.That(next, Is.EqualTo("password-change"), "an initial password set by someone else must be changed next");
        Assert.That(await _host.ScalarAsync<bool>("select totp_enrolled_at is not null from platform.user_account where id = @id", ("id", id)), Is.True);
    }

    [Test]
    public async Task An_initial_password_must_be_changed_before_anything_else()
    {
        var systemAdmin = await _host.CreateUserAsync(RoleCatalog.SystemAdmin);
        var security = await _host.CreateUserAsync(RoleCatalog.SecurityAdmin);
        using var admin = _host.Client();
        await admin.SignInAsync(systemAdmin);
        var userName = "member-" + Guid.NewGuid().ToString("N")[..6];
        var id = (await Problems.JsonAsync(await admin.PostAsync("/api/platform/users", new { userName, displayName = "张三", password = "Initial#Pass2026" }),
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        using var securityClient = _host.Client();
        await securityClient.SignInAsync(security);
        await securityClient.PostAsync($"/api/platform/users/{id}/grants", new { role = RoleCatalog.CommitteeAdmin, organizationId = await OrganizationAsync() });

        using var client = _host.Client();
        Assert.That(await Problems.NextStepAsync(await client.PostAsync("/api/platform/auth/login", Credentials(userName, "Initial#Pass2026"))), Is.EqualTo("password-change"));
        var me = await Problems.JsonAsync(await client.GetAsync("/api/platform/auth/me"));
        Assert.That(me.GetProperty("mustChangePassword").GetBoolean(), Is.True);
        await Problems.ExpectAsync(await client.GetAsync("/api/personnel/organizations"), HttpStatusCode.Forbidden, "forbidden");
        // The usage board hears of the sign-in once it is complete, i.e. when the password has been changed.
        Task<long> SignInsToldAsync() => _host.ScalarAsync<long>(
            "select count(*) from platform.outbox where event_type = 'UserSignedIn' and payload->>'accountId' = @id", ("id", id.ToString()));
        Assert.That(await SignInsToldAsync(), Is.Zero);

        var weak = await Problems.ExpectAsync(await client.PostAsync("/api/platform/auth/password", new { currentPassword = "Initial#Pass2026", newPassword = "short" }),
            HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(weak.GetProperty("errors").GetProperty("newPassword")[0].GetString(), Does.Contain("新口令"));

        var changed = await client.PostAsync("/api/platform/auth/password", new { currentPassword = "Initial#Pass2026", newPassword = "Brand-new Pass 2026" });
        Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await client.GetAsync("/api/personnel/organizations")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await SignInsToldAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task Signing_out_ends_the_session_on_the_server()
    {
        var user = await _host.CreateUserAsync(RoleCatalog.CommitteeAdmin, await OrganizationAsync());
        using var client = _host.Client();
        await client.SignInAsync(user);
        var stolen = client.Cookie("redsail.sid");
        await Problems.JsonAsync(await client.GetAsync("/api/platform/auth/me")); // resolved, and so cached for a few seconds

        await client.PostAsync("/api/platform/auth/logout");

        using var attacker = new HttpClient { BaseAddress = _host.BaseAddress };
        attacker.DefaultRequestHeaders.Add("Cookie", $"redsail.sid={stolen}");
        await Problems.ExpectAsync(await attacker.GetAsync("/api/platform/auth/me"), HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Test]
    public async Task Each_sign_in_gets_a_new_session_token()
    {
        var user = await _host.CreateUserAsync(RoleCatalog.CommitteeAdmin, await OrganizationAsync());
        using var client = _host.Client();
        await client.SignInAsync(user);
        var first = client.Cookie("redsail.sid");
        await client.SignInAsync(user);
        var second = client.Cookie("redsail.sid");

        using var old = new HttpClient { BaseAddress = _host.BaseAddress };
        old.DefaultRequestHeaders.Add("Cookie", $"redsail.sid={first}");
        Assert.That(second, Is.Not.EqualTo(first));
        await Problems.ExpectAsync(await old.GetAsync("/api/platform/auth/me"), HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [TestCase("last_seen_at = now() - interval '31 minutes'", TestName = "A session idle for 31 minutes has ended")]
    [TestCase("expires_at = now() - interval '1 second'", TestName = "A session past its 12-hour limit has ended")]
    public async Task Session_limits(string change)
    {
        var user = await _host.CreateUserAsync(RoleCatalog.CommitteeAdmin, await OrganizationAsync());
        using var client = _host.Client();
        await client.SignInAsync(user);
        await _host.ExecuteAsync($"update platform.session set {change} where user_id = '{user.Id}'");
        await Problems.ExpectAsync(await client.GetAsync("/api/platform/auth/me"), HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Test]
    public async Task Session_cookie_is_http_only_and_same_site_strict()
    {
        var user = await _host.CreateUserAsync(RoleCatalog.CommitteeAdmin, await OrganizationAsync());
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = _host.BaseAddress };
        var response = await http.PostAsJsonAsync("/api/platform/auth/login", Credentials(user.UserName, user.Password));
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(cookies.Single(c => c.StartsWith("redsail.sid=")), Does.Contain("httponly").IgnoreCase.And.Contain("samesite=strict").IgnoreCase);
            Assert.That(cookies.Single(c => c.StartsWith("redsail.csrf=")), Does.Not.Contain("httponly").IgnoreCase);
        });
    }

    private Guid? _organization;

    private async Task<Guid> OrganizationAsync()
    {
        if (_organization is { } known) return known;
        await Demo.SeedAsync(_host);
        _organization = await Demo.RootAsync(_host);
        return _organization.Value;
    }
}
