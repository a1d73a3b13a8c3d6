using RedSail.BuildingBlocks.Audit;
using RedSail.BuildingBlocks.Events;
using RedSail.Platform.Access;

namespace RedSail.Platform.Features.Outbox;

public sealed record RetryParkedBody(string Module, Guid EventId, string Subscriber);

internal static class ParkedEventsEndpoints
{
    /// <summary>Deliveries that gave up after their retries, across all modules, and sending one again.</summary>
    public static void MapParkedEvents(this IEndpointRouteBuilder api)
    {
        api.MapGet("/outbox/parked", (ParkedDeliveries parked, CancellationToken ct) => parked.ListAsync(200, ct))
            .WithName("ListParkedDeliveries").WithSummary("投递失败已搁置的集成事件").RequirePermission(PlatformPermissions.Outbox);

        api.MapPost("/outbox/retry", async (RetryParkedBody body, ParkedDeliveries parked, AuditTrail audit, RequestContext context, CancellationToken ct) =>
            {
                var retried = await parked.RetryAsync(body.Module, body.EventId, body.Subscriber, ct);
                await audit.RecordAsync(context, new AuditEntry("platform.outbox.retry", retried ? AuditResult.Success : AuditResult.Failed,
                    "integration_event", body.EventId.ToString()), ct);
                if (!retried) throw new NotFoundException("integration_event", body.EventId.ToString());
                return Results.NoContent();
            })
            .WithName("RetryParkedDelivery").WithSummary("重新投递已搁置的事件").RequirePermission(PlatformPermissions.Outbox);
    }
}
