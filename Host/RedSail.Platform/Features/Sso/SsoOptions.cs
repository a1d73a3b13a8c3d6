namespace RedSail.Platform.Features.Sso;

/// <summary>Single sign-on from the OA, configuration <c>Sso</c>: any number of providers at once, and who may still sign in locally.</summary>
public sealed class SsoOptions
{
    /// <summary>By name (letters, digits, hyphen: it appears in <c>/sso/{name}/login</c>).</summary>
    public Dictionary<string, SsoProviderOptions> Providers { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary><c>everyone</c> or <c>administrators_only</c>: the default until a security administrator changes it in the UI.</summary>
    public string LocalSignIn { get; init; } = LocalSignInPolicy.Everyone;

    /// <summary>RedSail's address as browsers reach it (behind a gateway); default: the request's scheme and host.</summary>
    public string? PublicBaseUrl { get; init; }

    /// <summary>How long a started sign-in may take at the OA before its callback is refused.</summary>
    public int PendingLoginMinutes { get; init; } = 10;
}

public static class SsoKinds
{
    public const string Oidc = "oidc";
    public const string Cas = "cas";
    public const string Ticket = "ticket";
}

/// <summary>Which account a signed-in OA user is: by employee number or by login name (see README: not by ID number).</summary>
public static class SsoMatching
{
    public const string EmployeeNumber = "employee_number";
    public const string LoginName = "login_name";
}

public static class UnknownUserPolicy
{
    public const string Refuse = "refuse";
    public const string Provision = "provision";
}

public sealed class SsoProviderOptions
{
    public string Kind { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string? DisplayNameEn { get; init; }
    public string MatchBy { get; init; } = SsoMatching.EmployeeNumber;
    public string UnknownUser { get; init; } = UnknownUserPolicy.Refuse;
    /// <summary>The role an account provisioned at first sign-in gets, on the organisation its OA department maps to.</summary>
    public string DefaultRole { get; init; } = "member";

    public OidcProviderOptions Oidc { get; init; } = new();
    public CasProviderOptions Cas { get; init; } = new();
    public TicketProviderOptions Ticket { get; init; } = new();
}

public sealed class OidcProviderOptions
{
    public string? Authority { get; init; }
    public string? ClientId { get; init; }
    /// <summary>From the environment (<c>Sso__Providers__name__Oidc__ClientSecret</c>), never in files.</summary>
    public string? ClientSecret { get; init; }
    public string[] Scopes { get; init; } = ["openid", "profile"];
    /// <summary>The claim holding the value matched against <see cref="SsoProviderOptions.MatchBy"/>.</summary>
    public string UserClaim { get; init; } = "sub";
    public string NameClaim { get; init; } = "name";
    public string? DepartmentClaim { get; init; }
    /// <summary>Only for a provider on a trusted internal network without TLS (and the tests).</summary>
    public bool RequireHttpsMetadata { get; init; } = true;
}

public sealed class CasProviderOptions
{
    /// <summary>The CAS server's base, e.g. https://cas.example.cn/cas (login at /login, validation at /serviceValidate).</summary>
    public string? ServerUrl { get; init; }
    /// <summary>2 (serviceValidate) or 3 (p3/serviceValidate, with attributes).</summary>
    public int Version { get; init; } = 3;
    public string? NameAttribute { get; init; }
    public string? DepartmentAttribute { get; init; }
}

/// <summary>
/// A vendor ticket URL (Weaver ssoToken, Seeyon ticket, Landray token): the browser comes back with a short-lived ticket,
/// which RedSail exchanges server to server for the user. All of it configuration, so a new OA product needs no code.
/// </summary>
public sealed class TicketProviderOptions
{
    /// <summary>Where the browser is sent to fetch a ticket; <c>{callback}</c> is replaced by RedSail's callback address (URL-encoded).</summary>
    public string? LoginUrl { get; init; }
    /// <summary>The query parameter of the callback carrying the ticket (ssoToken, ticket, token...).</summary>
    public string TicketParameter { get; init; } = "ticket";
    /// <summary>The OA's exchange endpoint.</summary>
    public string? ExchangeUrl { get; init; }
    /// <summary>GET (parameters in the query) or POST (a form).</summary>
    public string Method { get; init; } = "GET";
    /// <summary>Name of the parameter carrying the ticket in the exchange.</summary>
    public string TicketField { get; init; } = "ticket";
    /// <summary>Fixed parameters the OA wants (appId, system code...).</summary>
    public Dictionary<string, string> ExtraParameters { get; init; } = [];
    /// <summary>none, secret (the secret as a parameter) or hmac (HMAC-SHA256 hex of ticket + timestamp).</summary>
    public string Signature { get; init; } = "none";
    /// <summary>From the environment, never in files.</summary>
    public string? Secret { get; init; }
    public string SecretField { get; init; } = "secret";
    public string TimestampField { get; init; } = "timestamp";
    public string SignatureField { get; init; } = "sign";
    /// <summary>Dotted path to the user id in the JSON answer (e.g. <c>data.loginName</c>).</summary>
    public string UserIdPath { get; init; } = "user";
    public string? DisplayNamePath { get; init; }
    public string? DepartmentPath { get; init; }
    /// <summary>How long a ticket is remembered as used: at least the OA's ticket lifetime.</summary>
    public int TicketMemoryMinutes { get; init; } = 60;
    public int TimeoutSeconds { get; init; } = 10;
}
