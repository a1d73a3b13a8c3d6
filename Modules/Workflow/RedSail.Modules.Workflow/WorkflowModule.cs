using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RedSail.BuildingBlocks.Modules;
using RedSail.BuildingBlocks.Scheduling;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Features.AddPlanTask;
using RedSail.Modules.Workflow.Features.AddRuleSet;
using RedSail.Modules.Workflow.Features.AnswerTask;
using RedSail.Modules.Workflow.Features.CancelPlanTask;
using RedSail.Modules.Workflow.Features.DecideNomination;
using RedSail.Modules.Workflow.Features.DownloadPlanTaskAttachment;
using RedSail.Modules.Workflow.Features.GetPlan;
using RedSail.Modules.Workflow.Features.GetPlanTask;
using RedSail.Modules.Workflow.Features.GetStudyHours;
using RedSail.Modules.Workflow.Features.ListExchangeMeetings;
using RedSail.Modules.Workflow.Features.ListMyBranchTasks;
using RedSail.Modules.Workflow.Features.ListMyTodos;
using RedSail.Modules.Workflow.Features.ListNominations;
using RedSail.Modules.Workflow.Features.ListPlanTasks;
using RedSail.Modules.Workflow.Features.ListPlans;
using RedSail.Modules.Workflow.Features.ListRuleSets;
using RedSail.Modules.Workflow.Features.ListStudyAchievements;
using RedSail.Modules.Workflow.Features.ListStudySessions;
using RedSail.Modules.Workflow.Features.ListTrainings;
using RedSail.Modules.Workflow.Features.PublishPlan;
using RedSail.Modules.Workflow.Features.RecordExchangeMeeting;
using RedSail.Modules.Workflow.Features.RecordNomination;
using RedSail.Modules.Workflow.Features.RecordStudyAchievement;
using RedSail.Modules.Workflow.Features.RecordStudySession;
using RedSail.Modules.Workflow.Features.RecordTraining;
using RedSail.Modules.Workflow.Features.RefreshTodos;
using RedSail.Modules.Workflow.Features.ReportTaskCompletion;
using RedSail.Modules.Workflow.Features.ReviewTaskCompletion;
using RedSail.Modules.Workflow.Features.SavePlan;
using RedSail.Modules.Workflow.Features.SeedDemoData;
using RedSail.Modules.Workflow.Features.Todos;
using RedSail.Modules.Workflow.Features.UpdatePlanTask;

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
        // plans and tasks (年初部署, 年度工作布局)
        api.MapSavePlan();
        api.MapPublishPlan();
        api.MapAddPlanTask();
        api.MapUpdatePlanTask();
        api.MapCancelPlanTask();
        api.MapReportTaskCompletion();
        api.MapReviewTaskCompletion();
        api.MapAnswerTask();
        api.MapGetPlan();
        api.MapListPlans();
        api.MapListPlanTasks();
        api.MapListMyBranchTasks();
        api.MapGetPlanTask();
        api.MapDownloadPlanTaskAttachment();
        // committee members' training, quarterly exchanges, year-end nominations; members' study
        api.MapRecordTraining();
        api.MapListTrainings();
        api.MapRecordExchangeMeeting();
        api.MapListExchangeMeetings();
        api.MapRecordNomination();
        api.MapDecideNomination();
        api.MapListNominations();
        api.MapRecordStudySession();
        api.MapListStudySessions();
        api.MapGetStudyHours();
        api.MapRecordStudyAchievement();
        api.MapListStudyAchievements();
        return endpoints;
    }
}
