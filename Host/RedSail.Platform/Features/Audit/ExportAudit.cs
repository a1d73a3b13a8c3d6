using MiniExcelLibs;
using RedSail.BuildingBlocks.Audit;
using RedSail.BuildingBlocks.Localization;
using RedSail.Platform.Access;
using static RedSail.BuildingBlocks.Web.Spreadsheet;

namespace RedSail.Platform.Features.Audit;

internal static class ExportAuditEndpoint
{
    /// <summary>At most this many rows per export; narrow the filter for more.</summary>
    public const int MaxRows = 100_000;

    /// <summary>The audit rows of the current filter as an xlsx file, with localized headers; the export itself is audited.</summary>
    public static void MapExportAudit(this IEndpointRouteBuilder api) =>
        api.MapGet("/audit/export", async (DateTime? from, DateTime? to, string? userName, string? action, string? result,
                PlatformDb db, MessageCatalog messages, AuditTrail audit, RequestContext context, HttpContext http, CancellationToken ct) =>
            {
                var filter = new SearchAudit(from, to, userName, action, result);
                var rows = await db.QueryAsync<AuditRecord>(
                    $"select {AuditFilter.Columns} from platform.audit_log {AuditFilter.Where} order by sequence desc limit @Limit offset @Offset",
                    AuditFilter.Arguments(filter, MaxRows, 0), ct);
                var sheet = rows.Select(r => new Dictionary<string, object?>
                {
                    [messages.Get("audit.column.sequence")] = r.Sequence,
                    [messages.Get("audit.column.occurred_at")] = r.OccurredAt.ToString("yyyy-MM-dd HH:mm:ss'Z'"),
                    [messages.Get("audit.column.user")] = Cell(r.UserName),
                    [messages.Get("audit.column.role")] = Cell(r.Role),
                    [messages.Get("audit.column.source")] = Cell(r.SourceAddress),
                    [messages.Get("audit.column.action")] = Cell(r.Action),
                    [messages.Get("audit.column.target")] = Cell($"{r.TargetType} {r.TargetId}".Trim()),
                    [messages.Get("audit.column.organization")] = Cell(r.TargetOrganization),
                    [messages.Get("audit.column.result")] = messages.Get("audit.result." + r.Result),
                    [messages.Get("audit.column.correlation")] = Cell(r.CorrelationId),
                }).ToList();
                var stream = new MemoryStream();
                await stream.SaveAsAsync(sheet, sheetName: "audit", cancellationToken: ct);
                stream.Position = 0;
                await audit.RecordAsync(context, new AuditEntry("platform.audit.export", AuditResult.Success, "audit_log", null, null,
                    $"rows={sheet.Count}"), ct);
                return Results.File(stream, Spreadsheet.ContentType,
                    $"audit-{DateTime.UtcNow:yyyyMMddHHmmss}.xlsx");
            })
            .WithName("ExportAudit").WithSummary("导出审计日志（Excel）").RequirePermission(PlatformPermissions.Audit);
}
