using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RedSail.BuildingBlocks.Modules;
using RedSail.BuildingBlocks.Scheduling;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Features.AddPlanTask;
using RedSail.Modules.Workflow.Features.AddRuleSet;
using RedSail.Modules.Workflow.Features.AnswerTask;
using RedSail.Modules.Workflow.Features.CancelPlanTask;
using RedSail.Modules.Workflow.Features.CastBallot;
using RedSail.Modules.Workflow.Features.CloseEvaluationRound;
using RedSail.Modules.Workflow.Features.CloseRecruitmentFile;
using RedSail.Modules.Workflow.Features.CommitDuesBaseImport;
using RedSail.Modules.Workflow.Features.CompleteRecruitmentStep;
using RedSail.Modules.Workflow.Features.CompleteRectification;
using RedSail.Modules.Workflow.Features.DecideDuesReduction;
using RedSail.Modules.Workflow.Features.DecideNomination;
using RedSail.Modules.Workflow.Features.DownloadDuesTemplate;
using RedSail.Modules.Workflow.Features.DownloadEvaluationAttachment;
using RedSail.Modules.Workflow.Features.DownloadMeetingAttachment;
using RedSail.Modules.Workflow.Features.DownloadPlanTaskAttachment;
using RedSail.Modules.Workflow.Features.GenerateDuesMonth;
using RedSail.Modules.Workflow.Features.GetComplianceBoard;
using RedSail.Modules.Workflow.Features.GetDuesLedger;
using RedSail.Modules.Workflow.Features.GetDuesReport;
using RedSail.Modules.Workflow.Features.GetEvaluationResults;
using RedSail.Modules.Workflow.Features.GetMeeting;
using RedSail.Modules.Workflow.Features.GetPlan;
using RedSail.Modules.Workflow.Features.GetPlanTask;
using RedSail.Modules.Workflow.Features.GetRecruitmentFile;
using RedSail.Modules.Workflow.Features.GetRemittanceSummary;
using RedSail.Modules.Workflow.Features.GetRoster;
using RedSail.Modules.Workflow.Features.GetStudyHours;
using RedSail.Modules.Workflow.Features.GetSupervisionReport;
using RedSail.Modules.Workflow.Features.ListDemocraticReviewResults;
using RedSail.Modules.Workflow.Features.ListDuesArrears;
using RedSail.Modules.Workflow.Features.ListDuesBases;
using RedSail.Modules.Workflow.Features.ListDuesReductions;
using RedSail.Modules.Workflow.Features.ListEmployeeTodos;
using RedSail.Modules.Workflow.Features.ListEvaluationReports;
using RedSail.Modules.Workflow.Features.ListEvaluationRounds;
using RedSail.Modules.Workflow.Features.ListExchangeMeetings;
using RedSail.Modules.Workflow.Features.ListMeetings;
using RedSail.Modules.Workflow.Features.ListMyBallots;
using RedSail.Modules.Workflow.Features.ListMyBranchTasks;
using RedSail.Modules.Workflow.Features.ListMyTodos;
using RedSail.Modules.Workflow.Features.ListNominations;
using RedSail.Modules.Workflow.Features.ListOnsiteChecks;
using RedSail.Modules.Workflow.Features.ListPlanTasks;
using RedSail.Modules.Workflow.Features.ListPlans;
using RedSail.Modules.Workflow.Features.ListRecruitmentApplicants;
using RedSail.Modules.Workflow.Features.ListRecruitmentFiles;
using RedSail.Modules.Workflow.Features.ListRuleSets;
using RedSail.Modules.Workflow.Features.ListStudyAchievements;
using RedSail.Modules.Workflow.Features.ListStudySessions;
using RedSail.Modules.Workflow.Features.ListSupervisionReports;
using RedSail.Modules.Workflow.Features.ListSupervisionRuns;
using RedSail.Modules.Workflow.Features.ListTrainings;
using RedSail.Modules.Workflow.Features.OpenEvaluationRound;
using RedSail.Modules.Workflow.Features.OpenRecruitmentFile;
using RedSail.Modules.Workflow.Features.PreviewDuesBaseImport;
using RedSail.Modules.Workflow.Features.PreviewScorecard;
using RedSail.Modules.Workflow.Features.PublishPlan;
using RedSail.Modules.Workflow.Features.RecordBranchMonthPayment;
using RedSail.Modules.Workflow.Features.RecordDuesPayment;
using RedSail.Modules.Workflow.Features.RecordExchangeMeeting;
using RedSail.Modules.Workflow.Features.RecordMeeting;
using RedSail.Modules.Workflow.Features.RecordNomination;
using RedSail.Modules.Workflow.Features.RecordOnsiteCheck;
using RedSail.Modules.Workflow.Features.RecordStudyAchievement;
using RedSail.Modules.Workflow.Features.RecordStudySession;
using RedSail.Modules.Workflow.Features.RecordTraining;
using RedSail.Modules.Workflow.Features.RefreshTodos;
using RedSail.Modules.Workflow.Features.RemoveMeeting;
using RedSail.Modules.Workflow.Features.RepublishMeetingQuotas;
using RedSail.Modules.Workflow.Features.ReportTaskCompletion;
using RedSail.Modules.Workflow.Features.RequestDuesReduction;
using RedSail.Modules.Workflow.Features.RespondToSupervision;
using RedSail.Modules.Workflow.Features.ReturnEvaluationReport;
using RedSail.Modules.Workflow.Features.ReviewTaskCompletion;
using RedSail.Modules.Workflow.Features.RunQuarterlySupervision;
using RedSail.Modules.Workflow.Features.SavePlan;
using RedSail.Modules.Workflow.Features.SeedDemoData;
using RedSail.Modules.Workflow.Features.SetDuesBase;
using RedSail.Modules.Workflow.Features.SubmitEvaluationReport;
using RedSail.Modules.Workflow.Features.Todos;
using RedSail.Modules.Workflow.Features.UpdateMeeting;
using RedSail.Modules.Workflow.Features.UpdatePlanTask;
using RedSail.Modules.Workflow.Features.UploadMeetingAttachment;

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
            .AddClasses(c => c.AssignableTo<ITodoSource>(), publicOnly: false).As<ITodoSource>().WithSingletonLifetime());
        services.AddScoped<TodoBook>();
        services.AddScoped<TodoListQuery>();
        // 01:00 on the first day of each quarter: judge the quarter that just ended.
        services.AddScheduledCommand("workflow.quarterly-supervision", "季度督导：每季度首日生成上季度各支部督导报告", "0 0 1 1 1,4,7,10 ?",
            () => new RunQuarterlySupervision(null));
        services.AddScheduledCommand("workflow.todos", "待办刷新：随时间到期的事项打开待办，已办结的关闭", TimeSpan.FromMinutes(10), () => new RefreshTodos());
        // dues: the current month becomes due for everyone with a base without anyone pressing a button (idempotent)
        // Analytics' heat map learns a branch-year's quotas from events; republish daily what changed without a meeting (02:30).
        services.AddScheduledCommand("workflow.meeting-quotas", "组织生活指标：每日重新发布各支部本年度应开/已开次数（仅发生变化的）", "0 30 2 * * ?",
            () => new RepublishMeetingQuotas());
        services.AddScheduledCommand("workflow.dues-months", "党费：每 6 小时为所有党员生成当月应缴记录", TimeSpan.FromHours(6), () => new GenerateCurrentDuesMonths());
        return services;
    }

    public static IEndpointRouteBuilder MapWorkflow(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapModuleApi(Schema);
        api.MapListRuleSets();
        api.MapAddRuleSet();
        api.MapListMyTodos();
        api.MapListEmployeeTodos();
        api.MapRunQuarterlySupervision();
        api.MapListSupervisionRuns();
        api.MapListSupervisionReports();
        api.MapGetSupervisionReport();
        api.MapPreviewScorecard();
        api.MapRespondToSupervision();
        api.MapRecordOnsiteCheck();
        api.MapListOnsiteChecks();
        api.MapCompleteRectification();
        api.MapListRecruitmentFiles();
        api.MapListRecruitmentApplicants();
        api.MapOpenRecruitmentFile();
        api.MapGetRecruitmentFile();
        api.MapCompleteRecruitmentStep();
        api.MapCloseRecruitmentFile();
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
        api.MapRecordMeeting();
        api.MapUpdateMeeting();
        api.MapRemoveMeeting();
        api.MapGetMeeting();
        api.MapListMeetings();
        api.MapGetRoster();
        api.MapUploadMeetingAttachment();
        api.MapDownloadMeetingAttachment();
        api.MapGetComplianceBoard();
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
