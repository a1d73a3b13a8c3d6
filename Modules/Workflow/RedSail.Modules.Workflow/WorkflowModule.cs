using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RedSail.BuildingBlocks.Modules;
using RedSail.BuildingBlocks.Scheduling;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Features.AddRuleSet;
using RedSail.Modules.Workflow.Features.RecordMeeting;
using RedSail.Modules.Workflow.Features.UpdateMeeting;
using RedSail.Modules.Workflow.Features.RemoveMeeting;
using RedSail.Modules.Workflow.Features.GetMeeting;
using RedSail.Modules.Workflow.Features.ListMeetings;
using RedSail.Modules.Workflow.Features.GetRoster;
using RedSail.Modules.Workflow.Features.UploadMeetingAttachment;
using RedSail.Modules.Workflow.Features.DownloadMeetingAttachment;
using RedSail.Modules.Workflow.Features.GetComplianceBoard;
using RedSail.Modules.Workflow.Features.ListMyTodos;
using RedSail.Modules.Workflow.Features.ListRuleSets;
using RedSail.Modules.Workflow.Features.RefreshTodos;
using RedSail.Modules.Workflow.Features.SeedDemoData;
using RedSail.Modules.Workflow.Features.Todos;

namespace RedSail.Modules.Workflow;

/// <summary>The Workflow module's entry points: its services, and its API under <c>/api/workflow</c>.</summary>
public static class WorkflowModule
{
    public const string Schema = "workflow";

    public static IServiceCollection AddWorkflow(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModule<WorkflowDb>("Workflow", Schema, typeof(WorkflowModule).Assembly, typeof(WorkflowPermissions).Assembly);
        // Each line of work declares its kinds of to-do (ITodoSource) in its own slice.
        services.Scan(scan => scan.FromAssemblies(typeof(WorkflowModule).Assembly)
            .AddClasses(c => c.AssignableTo<ITodoSource>(), publicOnly: false).As<ITodoSource>().WithSingletonLifetime()
            .AddClasses(c => c.AssignableTo<IWorkflowDemoPart>(), publicOnly: false).As<IWorkflowDemoPart>().WithSingletonLifetime());
        services.AddScoped<TodoBook>();
        services.AddPeriodicCommand<RefreshTodos, RefreshedTodos>(TimeSpan.FromMinutes(10), () => new RefreshTodos());
        return services;
    }

    public static IEndpointRouteBuilder MapWorkflow(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapModuleApi(Schema);
        api.MapListRuleSets();
        api.MapAddRuleSet();
        api.MapListMyTodos();
        api.MapRecordMeeting();
        api.MapUpdateMeeting();
        api.MapRemoveMeeting();
        api.MapGetMeeting();
        api.MapListMeetings();
        api.MapGetRoster();
        api.MapUploadMeetingAttachment();
        api.MapDownloadMeetingAttachment();
        api.MapGetComplianceBoard();
        return endpoints;
    }
}
