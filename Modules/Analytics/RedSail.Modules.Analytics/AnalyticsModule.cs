using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RedSail.BuildingBlocks.Modules;
using RedSail.Modules.Analytics.Contracts;

namespace RedSail.Modules.Analytics;

/// <summary>The Analytics module's entry points: its services, and its API under <c>/api/analytics</c>.</summary>
public static class AnalyticsModule
{
    public const string Schema = "analytics";

    public static IServiceCollection AddAnalytics(this IServiceCollection services, IConfiguration configuration) =>
        services.AddModule<AnalyticsDb>("Analytics", Schema, typeof(AnalyticsModule).Assembly, typeof(AnalyticsPermissions).Assembly);

    public static IEndpointRouteBuilder MapAnalytics(this IEndpointRouteBuilder endpoints)
    {
        // Feature slices map their endpoints here as they are built (Features/<UseCase>).
        endpoints.MapModuleApi(Schema);
        return endpoints;
    }
}
