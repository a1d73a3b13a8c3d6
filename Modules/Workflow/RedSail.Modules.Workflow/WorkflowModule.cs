using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RedSail.BuildingBlocks.Modules;
using RedSail.Modules.Workflow.Contracts;

namespace RedSail.Modules.Workflow;

/// <summary>The Workflow module's entry points: its services, and its API under <c>/api/workflow</c>.</summary>
public static class WorkflowModule
{
    public const string Schema = "workflow";

    public static IServiceCollection AddWorkflow(this IServiceCollection services, IConfiguration configuration) =>
        services.AddModule<WorkflowDb>("Workflow", Schema, typeof(WorkflowModule).Assembly, typeof(WorkflowPermissions).Assembly);

    public static IEndpointRouteBuilder MapWorkflow(this IEndpointRouteBuilder endpoints)
    {
        // Feature slices map their endpoints here as they are built (Features/<UseCase>).
        endpoints.MapModuleApi(Schema);
        return endpoints;
    }
}
