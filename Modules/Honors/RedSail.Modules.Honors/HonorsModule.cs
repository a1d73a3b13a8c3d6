using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RedSail.BuildingBlocks.Modules;
using RedSail.Modules.Honors.Contracts;

namespace RedSail.Modules.Honors;

/// <summary>The Honors module's entry points: its services, and its API under <c>/api/honors</c>.</summary>
public static class HonorsModule
{
    public const string Schema = "honors";

    public static IServiceCollection AddHonors(this IServiceCollection services, IConfiguration configuration) =>
        services.AddModule<HonorsDb>("Honors", Schema, typeof(HonorsModule).Assembly, typeof(HonorsPermissions).Assembly);

    public static IEndpointRouteBuilder MapHonors(this IEndpointRouteBuilder endpoints)
    {
        // Feature slices map their endpoints here as they are built (Features/<UseCase>).
        endpoints.MapModuleApi(Schema);
        return endpoints;
    }
}
