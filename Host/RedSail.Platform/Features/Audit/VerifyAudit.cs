using RedSail.BuildingBlocks.Audit;
using RedSail.Platform.Access;

namespace RedSail.Platform.Features.Audit;

internal static class VerifyAuditEndpoint
{
    /// <summary>Recomputes the hash chain; the same check as the <c>verify-audit</c> verb.</summary>
    public static void MapVerifyAudit(this IEndpointRouteBuilder api) =>
        api.MapGet("/audit/verify", async (AuditTrail audit, CancellationToken ct) =>
            {
                var verification = await audit.VerifyAsync(ct);
                return new { intact = verification.Intact, @checked = verification.Checked, firstBrokenSequence = verification.FirstBrokenSequence };
            })
            .WithName("VerifyAudit").WithSummary("校验审计日志哈希链完整性").RequirePermission(PlatformPermissions.Audit);
}
