using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RedSail.BuildingBlocks.Modules;
using RedSail.BuildingBlocks.Scheduling;
using RedSail.Modules.Analytics.Contracts;
using RedSail.Modules.Analytics.Features.Drilldown;
using RedSail.Modules.Analytics.Features.ExportChart;
using RedSail.Modules.Analytics.Features.GetAnnualReport;
using RedSail.Modules.Analytics.Features.GetComplianceHeatMap;
using RedSail.Modules.Analytics.Features.GetDuesCollection;
using RedSail.Modules.Analytics.Features.GetDashboard;
using RedSail.Modules.Analytics.Features.GetHeadline;
using RedSail.Modules.Analytics.Features.GetUsageBoard;
using RedSail.Modules.Analytics.Features.ListCellMeetings;
using RedSail.Modules.Analytics.Features.ListDuesBranchMonths;
using RedSail.Modules.Analytics.Features.GetPeopleComposition;
using RedSail.Modules.Analytics.Features.CompareAnnualReports;
using RedSail.Modules.Analytics.Features.TakeAnalyticsSnapshot;
using RedSail.Modules.Analytics.Features.FoldCountDeltas;

namespace RedSail.Modules.Analytics;

/// <summary>The Analytics module's entry points: its services, and its API under <c>/api/analytics</c>.</summary>
public static class AnalyticsModule
{
    public const string Schema = "analytics";

    public static IServiceCollection AddAnalytics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModule<AnalyticsDb>("Analytics", Schema, typeof(AnalyticsModule).Assembly, typeof(AnalyticsPermissions).Assembly);
        // The last evening of every month: the month-end figures the dashboard shows "as of" that month later.
        services.AddHostedService<CountDeltaFolder>();
        services.AddScheduledCommand("analytics.month-end", "统计快照：每月最后一天 23:50 保存当月月末统计", "0 50 23 L * ?", () => new TakeAnalyticsSnapshot());
        return services;
    }

    public static IEndpointRouteBuilder MapAnalytics(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapModuleApi(Schema);
        api.MapGetHeadline();
        api.MapGetDashboard();
        api.MapDrilldown();
        api.MapExportChart();
        api.MapTakeAnalyticsSnapshot();
        api.MapGetAnnualReport();
        api.MapGetComplianceHeatMap();
        api.MapListCellMeetings();
        api.MapGetDuesCollection();
        api.MapListDuesBranchMonths();
        api.MapGetPeopleComposition();
        api.MapCompareAnnualReports();
        api.MapGetUsageBoard();
        return endpoints;
    }
}
