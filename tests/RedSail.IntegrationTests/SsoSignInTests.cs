using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NUnit.Framework;
using RedSail.Platform.Access;
using RedSail.Testing;

namespace RedSail.IntegrationTests;

/// <summary>
/// Single sign-on from the OA against real protocol peers on loopback (an OpenIddict provider, a CAS server, a vendor ticket
/// endpoint), each adapter through the same cases: success, replay, expiry, forged state, unknown user refused or provisioned.
/// </summary>
[NonParallelizable]
public sealed class SsoSignInTests
{
    private SsoSetup _sso = null!;

    [OneTimeSetUp]
    public async Task Start() => _sso = await SsoSetup.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _sso.DisposeAsync();

    [TearDown]
    public void ResetClocks()
    {
        _sso.Oidc.Clock.Offset = _sso.Cas.Clock.Offset = _sso.Ticket.Clock.Offset = TimeSpan.Zero;
    }

    public static readonly string[] Adapters = ["oidc", "cas", "weaver"];

    private SsoPeer PeerOf(string provider) => provider.StartsWith("oidc") ? _sso.Oidc : provider.StartsWith("cas") ? _sso.Cas : _sso.Ticket;

    /// <summary>The OA user that is this account: CAS is configured to match login names, the others employee numbers.</summary>
    private async Task<(TestUser User, OaUser AtOa)> KnownUserAsync(string provider)
    {
        var employeeNumber = "E" + Random.Shared.Next(100000, 999999);
        var user = await _sso.MemberAsync(employeeNumber);
        return (user, new OaUser(provider.StartsWith("cas") ? user.UserName : employeeNumber));
    }

    private static bool IsCallback(Uri address) => address.AbsolutePath.EndsWith("/callback", StringComparison.Ordinal);

    [TestCaseSource(nameof(Adapters))]
    [TestCase("cas2")]
    public async Task A_known_user_signs_in_through_the_OA_and_lands_home_with_a_session(string provider)
    {
        var (user, atOa) = await KnownUserAsync(provider);
        PeerOf(provider).SignedIn = atOa;
        using var browser = _sso.Host.Client();

        Assert.That(await SsoSetup.NavigateAsync(browser, $"/sso/{provider}/login"), Is.EqualTo("/"));

        var me = await browser.GetJsonAsync<JsonElement>("/api/platform/auth/me");
        Assert.That(me.GetProperty("userName").GetString(), Is.EqualTo(user.UserName));
        Assert.That(await _sso.LastSsoAuditAsync(), Is.EqualTo($"success||{user.UserName}"));
        // The same server-side session as a local sign-in.
        Assert.That(await _sso.Host.ScalarAsync<long>("select count(*) from platform.session where user_id = @id and stage = 'active' and revoked_at is null",
            ("id", user.Id)), Is.EqualTo(1));
        // Told to the usage board like a local sign-in: the account and the organisation it is scoped to.
        Assert.That(await _sso.Host.ScalarAsync<string>("""
            select string_agg(payload->>'organizationId', ',') from platform.outbox where event_type = 'UserSignedIn' and payload->>'accountId' = @id
            """, ("id", user.Id.ToString())), Is.EqualTo(_sso.OrganizationId.ToString()));
    }

    [TestCaseSource(nameof(Adapters))]
    public async Task A_replayed_callback_is_refused_even_with_a_fresh_sign_in_started(string provider)
    {
        var (_, atOa) = await KnownUserAsync(provider);
        PeerOf(provider).SignedIn = atOa;
        using var browser = _sso.Host.Client();
        var callback = await SsoSetup.NavigateAsync(browser, $"/sso/{provider}/login", IsCallback);
        Assert.That(await SsoSetup.NavigateAsync(browser, callback), Is.EqualTo("/"));

        // Someone replays the same callback after starting a sign-in of their own (so they hold a valid pending state).
        using var attacker = _sso.Host.Client();
        await SsoSetup.NavigateAsync(attacker, $"/sso/{provider}/login", address => !_sso.Host.BaseAddress.IsBaseOf(address));
        var expected = provider == "oidc" ? "sso.forged_state" : "sso.replayed_ticket"; // OIDC: the state was for the first browser
        Assert.That(await SsoSetup.NavigateAsync(attacker, callback), Is.EqualTo("/login?sso_error=" + expected));
        Assert.That(await _sso.LastSsoAuditAsync(), Does.StartWith($"denied|{expected}"));
        Assert.That((await attacker.GetAsync("/api/platform/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [TestCaseSource(nameof(Adapters))]
    public async Task An_expired_ticket_is_refused(string provider)
    {
        var (_, atOa) = await KnownUserAsync(provider);
        var peer = PeerOf(provider);
        peer.SignedIn = atOa;
        using var browser = _sso.Host.Client();
        var callback = await SsoSetup.NavigateAsync(browser, $"/sso/{provider}/login", IsCallback);

        peer.Clock.Offset = TimeSpan.FromMinutes(5); // the user waited: the ticket (CAS, OA) or the code (OIDC) is past its lifetime

        Assert.That(await SsoSetup.NavigateAsync(browser, callback), Is.EqualTo("/login?sso_error=sso.ticket_rejected"));
        Assert.That(await _sso.LastSsoAuditAsync(), Does.StartWith("denied|sso.ticket_rejected"));
        Assert.That((await browser.GetAsync("/api/platform/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [TestCaseSource(nameof(Adapters))]
    public async Task A_callback_this_browser_did_not_start_is_refused_as_forged(string provider)
    {
        var (_, atOa) = await KnownUserAsync(provider);
        PeerOf(provider).SignedIn = atOa;
        using var victim = _sso.Host.Client();
        var callback = await SsoSetup.NavigateAsync(victim, $"/sso/{provider}/login", IsCallback);

        using var other = _sso.Host.Client(); // login CSRF: a callback pushed into a browser that started nothing
        Assert.That(await SsoSetup.NavigateAsync(other, callback), Is.EqualTo("/login?sso_error=sso.forged_state"));
        Assert.That(await _sso.LastSsoAuditAsync(), Does.StartWith("denied|sso.forged_state"));
        Assert.That((await other.GetAsync("/api/platform/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [TestCaseSource(nameof(Adapters))]
    public async Task An_unknown_user_is_refused_where_the_provider_says_refuse(string provider)
    {
        PeerOf(provider).SignedIn = new OaUser("U" + Random.Shared.Next(100000, 999999), "陌生人", SsoSetup.MappedDepartment);
        using var browser = _sso.Host.Client();

        Assert.That(await SsoSetup.NavigateAsync(browser, $"/sso/{provider}/login"), Is.EqualTo("/login?sso_error=sso.unknown_user"));
        Assert.That(await _sso.LastSsoAuditAsync(), Does.StartWith("denied|sso.unknown_user"));
    }

    [TestCaseSource(nameof(Adapters))]
    public async Task An_unknown_user_is_provisioned_with_the_default_role_on_the_mapped_organisation(string provider)
    {
        var id = "J" + Random.Shared.Next(100000, 999999);
        PeerOf(provider).SignedIn = new OaUser(id, "新同志", SsoSetup.MappedDepartment);
        using var browser = _sso.Host.Client();

        Assert.That(await SsoSetup.NavigateAsync(browser, $"/sso/{provider}-jit/login"), Is.EqualTo("/"));

        var me = await browser.GetJsonAsync<JsonElement>("/api/platform/auth/me");
        Assert.Multiple(() =>
        {
            Assert.That(me.GetProperty("userName").GetString(), Is.EqualTo(id));
            Assert.That(me.GetProperty("displayName").GetString(), Is.EqualTo("新同志"));
            var grant = me.GetProperty("roles").EnumerateArray().Single();
            Assert.That(grant.GetProperty("role").GetString(), Is.EqualTo(RoleCatalog.Member));
            Assert.That(grant.GetProperty("organizationId").GetGuid(), Is.EqualTo(_sso.OrganizationId));
        });
        Assert.That(await _sso.Host.ScalarAsync<string>("select provisioned_by from platform.user_account where user_name = @id", ("id", id)),
            Is.EqualTo($"sso:{provider}-jit"));
        Assert.That(await _sso.LastSsoAuditAsync(), Is.EqualTo($"success||{id}"));

        // Someone of a department nobody mapped gets no account.
        PeerOf(provider).SignedIn = new OaUser("K" + Random.Shared.Next(100000, 999999), "外单位", "OA-UNMAPPED");
        using var stranger = _sso.Host.Client();
        Assert.That(await SsoSetup.NavigateAsync(stranger, $"/sso/{provider}-jit/login"), Is.EqualTo("/login?sso_error=sso.department_unmapped"));
    }

    [Test]
    public async Task The_sign_in_page_offers_the_providers_and_local_sign_in_can_be_left_to_administrators()
    {
        using var anonymous = _sso.Host.Client();
        var options = await anonymous.GetJsonAsync<JsonElement>("/api/platform/auth/options");
        Assert.That(options.GetProperty("localSignIn").GetString(), Is.EqualTo("everyone"));
        Assert.That(options.GetProperty("providers").EnumerateArray().Select(p => p.GetProperty("name").GetString()),
            Is.SupersetOf(new[] { "oidc", "cas", "weaver", "oidc-jit" }));

        var member = await _sso.MemberAsync("L" + Random.Shared.Next(100000, 999999));
        var security = await _sso.Host.CreateUserAsync(RoleCatalog.SecurityAdmin);
        using var admin = _sso.Host.Client();
        await admin.SignInAsync(security);
        try
        {
            using (var set = await admin.Http.PutAsJsonAsync("/api/platform/sso/local-sign-in", new { localSignIn = "administrators_only" }))
                Assert.That(set.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

            using var memberBrowser = _sso.Host.Client();
            using var refused = await memberBrowser.PostAsync("/api/platform/auth/login", new { userName = member.UserName, password = member.Password });
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("auth.local_sign_in_disabled"));
            using var adminAgain = _sso.Host.Client();
            await adminAgain.SignInAsync(security); // administrators always sign in locally
        }
        finally
        {
            using var reset = await admin.Http.PutAsJsonAsync("/api/platform/sso/local-sign-in", new { localSignIn = "everyone" });
        }
    }
}
