using System.Net;
using RedSail.Platform.Access;

namespace RedSail.Testing;

/// <summary>
/// RedSail with one provider of each kind against the peers in this process, each twice: refusing unknown users, and
/// provisioning them (department <see cref="MappedDepartment"/> maps to <see cref="OrganizationId"/>).
/// </summary>
public sealed class SsoSetup : IAsyncDisposable
{
    public const string MappedDepartment = "OA-D01";
    public OidcPeer Oidc { get; private init; } = null!;
    public CasPeer Cas { get; private init; } = null!;
    public TicketPeer Ticket { get; private init; } = null!;
    public TestHost Host { get; private set; } = null!;
    public Guid OrganizationId { get; } = Guid.NewGuid();

    public static async Task<SsoSetup> StartAsync(IDictionary<string, string?>? extra = null)
    {
        var setup = new SsoSetup { Oidc = await OidcPeer.StartNewAsync(), Cas = await CasPeer.StartNewAsync(), Ticket = await TicketPeer.StartNewAsync() };
        var settings = new Dictionary<string, string?>();
        void Provider(string name, string kind, string displayName, bool provision, IDictionary<string, string?> values)
        {
            var prefix = $"Sso:Providers:{name}:";
            settings[prefix + "Kind"] = kind;
            settings[prefix + "DisplayName"] = displayName;
            settings[prefix + "DisplayNameEn"] = displayName + " (en)";
            settings[prefix + "UnknownUser"] = provision ? "provision" : "refuse";
            foreach (var (key, value) in values) settings[prefix + key] = value;
        }
        foreach (var provision in new[] { false, true })
        {
            var suffix = provision ? "-jit" : "";
            Provider("oidc" + suffix, "oidc", "统一身份认证" + suffix, provision, new Dictionary<string, string?>
            {
                ["MatchBy"] = "employee_number", ["Oidc:Authority"] = setup.Oidc.Url, ["Oidc:ClientId"] = OidcPeer.ClientId,
                ["Oidc:ClientSecret"] = OidcPeer.ClientSecret, ["Oidc:RequireHttpsMetadata"] = "false", ["Oidc:DepartmentClaim"] = "department",
            });
            Provider("cas" + suffix, "cas", "CAS 认证" + suffix, provision, new Dictionary<string, string?>
            {
                ["MatchBy"] = "login_name", ["Cas:ServerUrl"] = setup.Cas.Url, ["Cas:Version"] = "3",
                ["Cas:NameAttribute"] = "displayName", ["Cas:DepartmentAttribute"] = "department",
            });
            Provider("weaver" + suffix, "ticket", "泛微 OA" + suffix, provision, new Dictionary<string, string?>
            {
                ["MatchBy"] = "employee_number", ["Ticket:LoginUrl"] = setup.Ticket.Url + "/sso/login?redirect={callback}",
                ["Ticket:TicketParameter"] = "ssoToken", ["Ticket:ExchangeUrl"] = setup.Ticket.Url + "/sso/exchange",
                ["Ticket:Method"] = provision ? "POST" : "GET", ["Ticket:TicketField"] = "token",
                ["Ticket:Signature"] = provision ? "secret" : "hmac", ["Ticket:Secret"] = TicketPeer.Secret,
                ["Ticket:SecretField"] = "appSecret", ["Ticket:TimestampField"] = "ts", ["Ticket:SignatureField"] = "sign",
                ["Ticket:UserIdPath"] = "data.loginName", ["Ticket:DisplayNamePath"] = "data.name", ["Ticket:DepartmentPath"] = "data.dept.code",
            });
        }
        Provider("cas2", "cas", "CAS 2.0", false, new Dictionary<string, string?>
        {
            ["MatchBy"] = "login_name", ["Cas:ServerUrl"] = setup.Cas.Url, ["Cas:Version"] = "2",
        });
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) settings[key] = value;
        setup.Host = await TestHost.StartFreshAsync(settings);
        await setup.Host.ExecuteAsync($"""
            insert into platform.organization (id, parent_id, name, type, path) values ('{setup.OrganizationId}', null, '机关党委', 'committee', 'o{setup.OrganizationId:N}');
            insert into platform.oa_department_map (department_code, department_name, organization_id) values ('{MappedDepartment}', '办公室', '{setup.OrganizationId}');
            """);
        return setup;
    }

    /// <summary>A member account with an employee number (matched by OIDC and the ticket URL) and a user name (matched by CAS).</summary>
    public Task<TestUser> MemberAsync(string employeeNumber) => Host.CreateUserAsync(RoleCatalog.Member, OrganizationId, employeeNumber);

    /// <summary>
    /// Follows redirects as a browser would (cookies of all hosts in one jar) from <paramref name="url"/> until a page that is not
    /// a redirect, or until <paramref name="stopAt"/> says so of the next address; returns the last address (path and query for RedSail's).
    /// </summary>
    public static async Task<string> NavigateAsync(ApiClient client, string url, Func<Uri, bool>? stopAt = null)
    {
        var current = new Uri(client.Http.BaseAddress!, url);
        for (var hops = 0; hops < 10; hops++)
        {
            using var response = await client.Http.GetAsync(current);
            if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect))
                return Describe(client, current);
            var next = new Uri(current, response.Headers.Location!);
            if (stopAt?.Invoke(next) == true) return next.ToString();
            current = next;
        }
        throw new InvalidOperationException("Too many redirects from " + url);
    }

    private static string Describe(ApiClient client, Uri address) =>
        client.Http.BaseAddress!.IsBaseOf(address) ? address.PathAndQuery : address.ToString();

    /// <summary>The last SSO line of the audit trail: its result and detail.</summary>
    public async Task<string> LastSsoAuditAsync() =>
        (await Host.ScalarAsync<string>("select result || '|' || coalesce(detail, '') || '|' || coalesce(user_name, '') from platform.audit_log where action = 'platform.auth.sso' order by sequence desc limit 1"))!;

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await StopPeersAsync();
    }

    /// <summary>Stops the OA stand-ins only (where someone else disposes of the host).</summary>
    public async Task StopPeersAsync()
    {
        await Oidc.DisposeAsync();
        await Cas.DisposeAsync();
        await Ticket.DisposeAsync();
    }
}
