using System.Net;
using NUnit.Framework;
using RedSail.Platform.Access;
using RedSail.Testing;

namespace RedSail.ApiTests;

/// <summary>Separation of duties in account work: the system administrator opens accounts, the security administrator grants roles.</summary>
public sealed class UserAdministrationTests
{
    private TestHost _host = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _host = await Demo.StartAsync();
    }

    [OneTimeTearDown]
    public ValueTask Stop() => _host.DisposeAsync();

    [Test]
    public async Task The_system_administrator_opens_an_account_but_cannot_grant_roles()
    {
        using var admin = _host.Client();
        await admin.SignInAsync(await _host.CreateUserAsync(RoleCatalog.SystemAdmin));
        var userName = "wang-" + Guid.NewGuid().ToString("N")[..6];

        var created = await Problems.JsonAsync(await admin.PostAsync("/api/platform/users", new { userName, displayName = "王五", password = "Initial#Pass2026" }), HttpStatusCode.Created);
        var duplicate = await Problems.ExpectAsync(await admin.PostAsync("/api/platform/users", new { userName = userName.ToUpperInvariant(), displayName = "王五", password = "Initial#Pass2026" }),
            HttpStatusCode.BadRequest, "validation_failed");
        await Problems.ExpectAsync(await admin.PostAsync($"/api/platform/users/{created.GetProperty("id").GetGuid()}/grants", new { role = RoleCatalog.CommitteeAdmin, organizationId = await Demo.RootAsync(_host) }),
            HttpStatusCode.Forbidden, "forbidden");

        Assert.That(duplicate.GetProperty("errors").GetProperty("userName")[0].GetString(), Is.EqualTo("该用户名已被使用。"));
    }

    [Test]
    public async Task The_security_administrator_grants_on_an_organisation_and_nobody_grants_themselves()
    {
        var security = await _host.CreateUserAsync(RoleCatalog.SecurityAdmin);
        var target = await _host.CreateUserAsync(RoleCatalog.MassStaff, await Demo.RootAsync(_host));
        using var client = _host.Client();
        await client.SignInAsync(security);
        var branch = await Demo.BranchAsync(_host, "RS-05");

        var missingOrganization = await Problems.ExpectAsync(await client.PostAsync($"/api/platform/users/{target.Id}/grants", new { role = RoleCatalog.BranchSecretary }),
            HttpStatusCode.BadRequest, "validation_failed");
        var granted = await Problems.JsonAsync(await client.PostAsync($"/api/platform/users/{target.Id}/grants", new { role = RoleCatalog.BranchSecretary, organizationId = branch }),
            HttpStatusCode.Created);
        await Problems.ExpectAsync(await client.PostAsync($"/api/platform/users/{security.Id}/grants", new { role = RoleCatalog.AuditAdmin }),
            HttpStatusCode.Forbidden, "forbidden");

        Assert.That(missingOrganization.GetProperty("errors").GetProperty("organizationId")[0].GetString(), Is.EqualTo("该角色须指定组织范围。"));
        var users = await Problems.JsonAsync(await client.GetAsync($"/api/platform/users?keyword={target.UserName}"));
        var roles = users.GetProperty("items")[0].GetProperty("roles").EnumerateArray().Select(r => (r.GetProperty("role").GetString(), r.GetProperty("organizationName").GetString()));
        Assert.That(roles, Does.Contain((RoleCatalog.BranchSecretary, "信息中心党支部")));

        var mixed = await Problems.ExpectAsync(await client.PostAsync($"/api/platform/users/{target.Id}/grants", new { role = RoleCatalog.AuditAdmin }),
            HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(mixed.GetProperty("errors").GetProperty("role")[0].GetString(), Does.Contain("三权分立"));

        var revoke = await client.DeleteAsync($"/api/platform/grants/{granted.GetProperty("grantId").GetGuid()}");
        Assert.That(revoke.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    [Test]
    public async Task A_revoked_role_stops_working_on_the_holders_next_request_and_a_granted_one_works_at_once()
    {
        var branch = await Demo.BranchAsync(_host, "RS-05");
        var holder = await _host.CreateUserAsync(RoleCatalog.BranchSecretary, branch);
        using var session = _host.Client();
        await session.SignInAsync(holder);
        using var security = _host.Client();
        await security.SignInAsync(await _host.CreateUserAsync(RoleCatalog.SecurityAdmin));
        var grant = await _host.ScalarAsync<Guid>("select id from platform.role_grant where user_id = @u", ("u", holder.Id));
        Assert.That((await session.GetAsync("/api/personnel/people")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "resolved, and so cached for a few seconds");

        Assert.That((await security.DeleteAsync($"/api/platform/grants/{grant}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await Problems.ExpectAsync(await session.GetAsync("/api/personnel/people"), HttpStatusCode.Forbidden, "forbidden");

        await Problems.JsonAsync(await security.PostAsync($"/api/platform/users/{holder.Id}/grants", new { role = RoleCatalog.BranchSecretary, organizationId = branch }),
            HttpStatusCode.Created);
        Assert.That((await session.GetAsync("/api/personnel/people")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_disabled_account_loses_its_session_at_once()
    {
        var user = await _host.CreateUserAsync(RoleCatalog.CommitteeAdmin, await Demo.RootAsync(_host));
        using var session = _host.Client();
        await session.SignInAsync(user);
        using var admin = _host.Client();
        await admin.SignInAsync(await _host.CreateUserAsync(RoleCatalog.SystemAdmin));
        await Problems.JsonAsync(await session.GetAsync("/api/platform/auth/me")); // resolved, and so cached for a few seconds

        Assert.That((await admin.PostAsync($"/api/platform/users/{user.Id}/disable")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        await Problems.ExpectAsync(await session.GetAsync("/api/platform/auth/me"), HttpStatusCode.Unauthorized, "unauthenticated");
        await Problems.ExpectAsync(await session.PostAsync("/api/platform/auth/login", new { userName = user.UserName, password = user.Password }),
            HttpStatusCode.Unauthorized, "auth.invalid_credentials");
    }

    [Test]
    public async Task Unknown_accounts_are_404_not_500()
    {
        using var admin = _host.Client();
        await admin.SignInAsync(await _host.CreateUserAsync(RoleCatalog.SystemAdmin));
        await Problems.ExpectAsync(await admin.PostAsync($"/api/platform/users/{Guid.NewGuid()}/disable"), HttpStatusCode.NotFound, "not_found");
    }
}
