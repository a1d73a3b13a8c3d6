using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RedSail.Platform.Access;

namespace RedSail.Platform.Features.Sso;

/// <summary>Reads <c>Sso</c>, refuses a configuration that cannot work (at start, not at the first sign-in), and wires the adapters.</summary>
internal static class SsoRegistration
{
    public const string HttpClientName = "sso";

    public static string SchemeOf(string provider) => "sso-" + provider;

    public static IServiceCollection AddSso(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Sso").Get<SsoOptions>() ?? new SsoOptions();
        foreach (var (name, provider) in options.Providers) Check(name, provider);
        if (options.LocalSignIn is not (LocalSignInPolicy.Everyone or LocalSignInPolicy.AdministratorsOnly))
            throw new InvalidOperationException($"Sso:LocalSignIn must be {LocalSignInPolicy.Everyone} or {LocalSignInPolicy.AdministratorsOnly}");
        services.AddSingleton(options);
        services.AddHttpClient(HttpClientName);
        services.AddScoped<SsoReplayGuard>();
        services.AddScoped<SsoFlow>();
        services.AddScoped<LocalSignInPolicy>();
        services.AddSingleton<CasValidation>();
        services.AddSingleton<TicketExchange>();

        // With a single OIDC provider ASP.NET would make it the default scheme and try it on every request; RedSail
        // authenticates its own sessions (AccessMiddleware), so no scheme is ever the default.
        AppContext.SetSwitch("Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme", true);
        var authentication = services.AddAuthentication();
        foreach (var (name, provider) in options.Providers.Where(p => p.Value.Kind == SsoKinds.Oidc))
            authentication.AddOpenIdConnect(SchemeOf(name), provider.DisplayName, o => OidcSignIn.Configure(o, name, provider.Oidc, options.PublicBaseUrl));
        return services;
    }

    private static void Check(string name, SsoProviderOptions provider)
    {
        string? problem = null;
        if (name.Length is 0 or > 32 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')) problem = "its name must be letters, digits or hyphens";
        else if (provider.MatchBy == "id_number")
            problem = "MatchBy id_number is not available: accounts carry no ID number (README, 单点登录); use employee_number";
        else if (provider.MatchBy is not (SsoMatching.EmployeeNumber or SsoMatching.LoginName)) problem = "MatchBy must be employee_number or login_name";
        else if (provider.UnknownUser is not (UnknownUserPolicy.Refuse or UnknownUserPolicy.Provision)) problem = "UnknownUser must be refuse or provision";
        else if (RoleCatalog.Find(provider.DefaultRole) is not { Scoped: true, Administrator: false })
            problem = "DefaultRole must be a business role granted on an organisation";
        else if (string.IsNullOrWhiteSpace(provider.DisplayName)) problem = "DisplayName is required";
        else problem = provider.Kind switch
        {
            SsoKinds.Oidc when provider.Oidc.Authority is null || provider.Oidc.ClientId is null || provider.Oidc.ClientSecret is null =>
                "Oidc:Authority, Oidc:ClientId and Oidc:ClientSecret are required",
            SsoKinds.Cas when provider.Cas.ServerUrl is null || provider.Cas.Version is not (2 or 3) => "Cas:ServerUrl is required and Cas:Version is 2 or 3",
            SsoKinds.Ticket when provider.Ticket.LoginUrl is null || provider.Ticket.ExchangeUrl is null =>
                "Ticket:LoginUrl and Ticket:ExchangeUrl are required",
            SsoKinds.Ticket when provider.Ticket.Signature is not (TicketSignatures.None or TicketSignatures.Secret or TicketSignatures.Hmac)
                || (provider.Ticket.Signature != TicketSignatures.None && string.IsNullOrEmpty(provider.Ticket.Secret)) =>
                "Ticket:Signature must be none, secret or hmac, and the latter two need Ticket:Secret",
            SsoKinds.Ticket when provider.Ticket.Method.ToUpperInvariant() is not ("GET" or "POST") => "Ticket:Method must be GET or POST",
            SsoKinds.Oidc or SsoKinds.Cas or SsoKinds.Ticket => null,
            _ => "Kind must be oidc, cas or ticket",
        };
        if (problem is not null) throw new InvalidOperationException($"Sso:Providers:{name}: {problem}");
    }

    /// <summary>
    /// Lets the OpenID Connect handlers answer their callbacks (<c>/sso/{name}/callback</c>), after access control has named
    /// the caller's address and session. There is no default scheme (see <see cref="AddSso"/>), so the authentication
    /// middleware does nothing else: RedSail's own sessions are not ASP.NET authentication schemes. Placed here, it also
    /// keeps the host from adding one at the head of the pipeline.
    /// </summary>
    public static IApplicationBuilder UseSso(this IApplicationBuilder app) => app.UseAuthentication();
}
