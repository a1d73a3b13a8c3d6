using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RedSail.BuildingBlocks.Modules;
using RedSail.BuildingBlocks.Web;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Personnel.Features.ListOrganizations;

namespace RedSail.Modules.Personnel;

/// <summary>The Personnel module's entry points: its services, and its API under <c>/api/personnel</c>.</summary>
public static class PersonnelModule
{
    public const string Schema = "personnel";

    public static IServiceCollection AddPersonnel(this IServiceCollection services, IConfiguration configuration) =>
        services.AddModule<PersonnelDb>("Personnel", Schema, typeof(PersonnelModule).Assembly, typeof(OrganizationCreated).Assembly);

    public static IEndpointRouteBuilder MapPersonnel(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapModuleApi(Schema);
        api.MapListOrganizations();
        return endpoints;
    }
}
