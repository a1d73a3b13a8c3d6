using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RedSail.BuildingBlocks.Modules;
using RedSail.BuildingBlocks.Scheduling;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Features.AddRuleSet;
using RedSail.Modules.Workflow.Features.CastBallot;
using RedSail.Modules.Workflow.Features.CloseEvaluationRound;
using RedSail.Modules.Workflow.Features.DownloadEvaluationAttachment;
using RedSail.Modules.Workflow.Features.GetEvaluationResults;
using RedSail.Modules.Workflow.Features.ListDemocraticReviewResults;
using RedSail.Modules.Workflow.Features.ListEvaluationReports;
using RedSail.Modules.Workflow.Features.ListEvaluationRounds;
using RedSail.Modules.Workflow.Features.ListMyBallots;
using RedSail.Modules.Workflow.Features.ListMyTodos;
using RedSail.Modules.Workflow.Features.ListRuleSets;
using RedSail.Modules.Workflow.Features.OpenEvaluationRound;
using RedSail.Modules.Workflow.Features.RefreshTodos;
using RedSail.Modules.Workflow.Features.ReturnEvaluationReport;
using RedSail.Modules.Workflow.Features.SeedDemoData;
using RedSail.Modules.Workflow.Features.SubmitEvaluationReport;
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
        api.MapOpenEvaluationRound();
        api.MapSubmitEvaluationReport();
        api.MapReturnEvaluationReport();
        api.MapDownloadEvaluationAttachment();
        api.MapListEvaluationRounds();
        api.MapListEvaluationReports();
        api.MapListMyBallots();
        api.MapCastBallot();
        api.MapCloseEvaluationRound();
        api.MapGetEvaluationResults();
        api.MapListDemocraticReviewResults();
        return endpoints;
    }
}
