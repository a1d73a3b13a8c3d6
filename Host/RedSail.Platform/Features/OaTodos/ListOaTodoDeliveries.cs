using RedSail.BuildingBlocks.Events;
using RedSail.Platform.Access;

namespace RedSail.Platform.Features.OaTodos;

/// <summary>
/// The unified to-do's delivery log: every push of a to-do to the OA (the outbox deliveries of <see cref="TodoOpenedPush"/> and
/// <see cref="TodoClosedPush"/>), delivered, pending or parked with its last error. A parked push is sent again through the
/// platform's parked-events retry (<c>POST /outbox/retry</c>). No to-do titles: they may name people, and the system
/// administrator sees no business data.
/// </summary>
internal static class ListOaTodoDeliveriesEndpoint
{
    private static readonly string[] Subscribers = OaTodoWebhook.Pushes.Select(p => p.FullName!).ToArray();
    private static readonly string[] Statuses = ["delivered", "pending", "parked"];

    public static void MapListOaTodoDeliveries(this IEndpointRouteBuilder api) =>
        api.MapGet("/oa/todo-deliveries", async (string? status, ParkedDeliveries deliveries, CancellationToken ct) =>
            {
                if (status is not null && !Statuses.Contains(status)) new ValidationErrors().Add("status", "oa.delivery_status").ThrowIfAny();
                var list = await deliveries.ListOfSubscribersAsync(Subscribers, status, 500, ct);
                return list.Select(d => new
                {
                    d.Module, d.EventId, action = d.Subscriber == Subscribers[0] ? "open" : "close", d.Subscriber, d.Status, d.Attempts,
                    d.LastError, d.OccurredAt, d.DeliveredAt, d.NextAttemptAt, d.ParkedAt,
                });
            })
            .WithName("ListOaTodoDeliveries").WithSummary("统一待办推送记录（已送达、待重试、已搁置）").RequirePermission(PlatformPermissions.Outbox);
}
