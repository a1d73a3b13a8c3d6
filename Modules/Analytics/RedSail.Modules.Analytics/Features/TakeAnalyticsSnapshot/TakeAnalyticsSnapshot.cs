using RedSail.Modules.Analytics.Contracts;
using RedSail.Modules.Analytics.Features.ReadModel;

namespace RedSail.Modules.Analytics.Features.TakeAnalyticsSnapshot;

internal sealed class TakeAnalyticsSnapshotHandler(AnalyticsDb db, IClock clock) : IRequestHandler<Contracts.TakeAnalyticsSnapshot, long>
{
    public async Task<long> Handle(Contracts.TakeAnalyticsSnapshot request, CancellationToken cancellationToken)
    {
        var day = request.Month ?? clock.Today;
        var month = new DateOnly(day.Year, day.Month, 1);
        await db.ExecuteAsync("delete from analytics.member_count_month where month = @month", new { month }, cancellationToken);
        await MemberFacts.FoldAllAsync(db, cancellationToken); // so the closure rows alone hold every change until this commits
        return await db.ExecuteAsync("""
            insert into analytics.member_count_month (month, organization_id, dimension, bucket, count)
            select @month, organization_id, dimension, bucket, count from analytics.member_count where count <> 0
            """, new { month }, cancellationToken);
    }
}

internal static class TakeAnalyticsSnapshotEndpoint
{
    public static void MapTakeAnalyticsSnapshot(this IEndpointRouteBuilder api) =>
        api.MapPost("/snapshots", (DateOnly? month, IMediator mediator, CancellationToken ct) => mediator.Send(new Contracts.TakeAnalyticsSnapshot(month), ct))
            .WithName("TakeAnalyticsSnapshot").WithSummary("保存当前统计为某月末的快照（默认本月；重复保存则替换），供按月末回看")
            .RequirePermission(AnalyticsPermissions.Write);
}
