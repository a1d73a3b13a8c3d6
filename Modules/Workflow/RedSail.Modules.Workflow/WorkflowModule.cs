using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RedSail.BuildingBlocks.Modules;
using RedSail.BuildingBlocks.Scheduling;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Features.AddRuleSet;
using RedSail.Modules.Workflow.Features.CommitDuesBaseImport;
using RedSail.Modules.Workflow.Features.DecideDuesReduction;
using RedSail.Modules.Workflow.Features.DownloadDuesTemplate;
using RedSail.Modules.Workflow.Features.GenerateDuesMonth;
using RedSail.Modules.Workflow.Features.GetDuesLedger;
using RedSail.Modules.Workflow.Features.GetDuesReport;
using RedSail.Modules.Workflow.Features.GetRemittanceSummary;
using RedSail.Modules.Workflow.Features.ListDuesArrears;
using RedSail.Modules.Workflow.Features.ListDuesBases;
using RedSail.Modules.Workflow.Features.ListDuesReductions;
using RedSail.Modules.Workflow.Features.PreviewDuesBaseImport;
using RedSail.Modules.Workflow.Features.RecordBranchMonthPayment;
using RedSail.Modules.Workflow.Features.RecordDuesPayment;
using RedSail.Modules.Workflow.Features.RequestDuesReduction;
using RedSail.Modules.Workflow.Features.SetDuesBase;
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
        // dues: the current month becomes due for everyone with a base without anyone pressing a button (idempotent)
        services.AddPeriodicCommand<GenerateCurrentDuesMonths, GeneratedDuesMonth>(TimeSpan.FromHours(6), () => new GenerateCurrentDuesMonths());
        return services;
    }

    public static IEndpointRouteBuilder MapWorkflow(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapModuleApi(Schema);
        api.MapListRuleSets();
        api.MapAddRuleSet();
        api.MapListMyTodos();
        // dues
        api.MapSetDuesBase();
        api.MapListDuesBases();
        api.MapDownloadDuesTemplate();
        api.MapPreviewDuesBaseImport();
        api.MapCommitDuesBaseImport();
        api.MapGenerateDuesMonth();
        api.MapRecordDuesPayment();
        api.MapRecordBranchMonthPayment();
        api.MapRequestDuesReduction();
        api.MapDecideDuesReduction();
        api.MapListDuesReductions();
        api.MapGetDuesLedger();
        api.MapListDuesArrears();
        api.MapGetDuesReport();
        api.MapGetRemittanceSummary();
        return endpoints;
    }
}
