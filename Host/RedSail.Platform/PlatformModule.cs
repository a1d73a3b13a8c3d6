using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RedSail.BuildingBlocks.Events;
using RedSail.BuildingBlocks.Modules;
using RedSail.BuildingBlocks.Scheduling;
using RedSail.Platform.Access;
using RedSail.Platform.Accounts;
using RedSail.Platform.Features.Audit;
using RedSail.Platform.Features.Idempotency;
using RedSail.Platform.Features.OaClients;
using RedSail.Platform.Features.OaProvisioning;
using RedSail.Platform.Features.OaTodos;
using RedSail.Platform.Features.Organizations;
using RedSail.Platform.Features.Outbox;
using RedSail.Platform.Features.Roles;
using RedSail.Platform.Features.SignIn;
using RedSail.Platform.Features.Sso;
using RedSail.Platform.Features.Users;

namespace RedSail.Platform;

/// <summary>
/// Cross-cutting platform features in the <c>platform</c> schema: accounts and sessions, roles and grants,
/// OA clients, the audit trail and parked integration events. Served under <c>/api/platform</c>.
/// </summary>
public static class PlatformModule
{
    public const string Schema = "platform";

    public static IServiceCollection AddPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        var security = configuration.GetSection("Security").Get<SecurityOptions>() ?? new SecurityOptions();
        services.AddSingleton(security);
        services.AddModule<PlatformDb>("Platform", Schema, typeof(PlatformModule).Assembly, contracts: null);
        // The platform's one published event is declared in BuildingBlocks (it has no contracts assembly).
        services.AddSingleton(new EventTypeRegistration(typeof(UserSignedIn)));
        services.AddSingleton<PasswordHasher>();
        services.AddSingleton<PasswordPolicy>();
        services.AddScoped<SignInGuard>();
        services.AddScoped<SessionFactory>();
        services.AddSingleton<SessionCache>();
        services.AddScoped<IPrincipalResolver, PlatformPrincipalResolver>();
        services.AddSingleton<IAccountDirectory, AccountDirectory>();
        var todoWebhook = configuration.GetSection("Oa:TodoWebhook").Get<OaTodoWebhookOptions>() ?? new OaTodoWebhookOptions();
        services.AddSingleton(todoWebhook);
        // No OA to push to-dos to: the pushes are not subscribed at all, so no outbox delivery waits for them. A refresh of a
        // national tree opens hundreds of thousands of to-dos at once; each would be a delivery the dispatcher claims and
        // marks for nothing, on the connections the requests need (docs/reliability.md, "Load and soak").
        if (string.IsNullOrWhiteSpace(todoWebhook.Url))
            foreach (var push in services.Where(d => d.ImplementationInstance is SubscriberRegistration r && OaTodoWebhook.Pushes.Contains(r.HandlerType)).ToList())
                services.Remove(push);
        services.AddHttpClient(OaTodoWebhook.ClientName);
        services.AddScoped<OaTodoWebhook>();
        services.AddSso(configuration);
        services.AddSingleton(configuration.GetSection("Oa:Directory").Get<OaDirectoryOptions>() ?? new OaDirectoryOptions());
        services.AddSingleton(configuration.GetSection("Oa:Provisioning").Get<OaProvisioningOptions>() ?? new OaProvisioningOptions());
        services.AddHttpClient(OaUserSources.HttpClientName);
        services.AddScheduledCommand("platform.idempotency-keys", "幂等键清理：每小时删除超过 24 小时的 Idempotency-Key", TimeSpan.FromHours(1),
            () => new PruneIdempotencyKeys());
        return services;
    }

    public static IEndpointRouteBuilder MapPlatform(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapModuleApi(Schema);
        api.MapSignIn();
        api.MapVerifyTotp();
        api.MapSignOut();
        api.MapGetMe();
        api.MapChangePassword();
        api.MapListUsers();
        api.MapCreateUser();
        api.MapSetUserEnabled();
        api.MapUnlockUser();
        api.MapResetPassword();
        api.MapListRoles();
        api.MapGrantRole();
        api.MapRevokeGrant();
        api.MapListOrganizations();
        api.MapListOaClients();
        api.MapRegisterOaClient();
        api.MapDisableOaClient();
        api.MapIssueOaToken();
        api.MapSearchAudit();
        api.MapExportAudit();
        api.MapVerifyAudit();
        api.MapParkedEvents();
        api.MapSsoSettings();
        api.MapListOaTodoDeliveries();
        api.MapOaDepartmentMap();
        api.MapSyncOaUsers();
        endpoints.MapSsoRoundTrip();
        return endpoints;
    }

    /// <summary>After access control: the OA's OpenID Connect callbacks, answered by their handlers.</summary>
    public static IApplicationBuilder UsePlatformSso(this IApplicationBuilder app) => app.UseSso();
}
