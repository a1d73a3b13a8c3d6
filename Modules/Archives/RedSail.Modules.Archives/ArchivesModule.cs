using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RedSail.BuildingBlocks.Modules;
using RedSail.Modules.Archives.Contracts;
using RedSail.Modules.Archives.Features.SearchDocuments;

namespace RedSail.Modules.Archives;

/// <summary>The Archives module's entry points: its services, and its API under <c>/api/archives</c>.</summary>
public static class ArchivesModule
{
    public const string Schema = "archives";

    public static IServiceCollection AddArchives(this IServiceCollection services, IConfiguration configuration) =>
        services.AddModule<ArchivesDb>("Archives", Schema, typeof(ArchivesModule).Assembly, typeof(ArchivesPermissions).Assembly);

    public static IEndpointRouteBuilder MapArchives(this IEndpointRouteBuilder endpoints)
    {
        // Feature slices map their endpoints here as they are built (Features/<UseCase>).
        var api = endpoints.MapModuleApi(Schema);
        api.MapSearchDocuments();
        return endpoints;
    }
}
