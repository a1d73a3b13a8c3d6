using RedSail.BuildingBlocks.Localization;
using RedSail.Modules.Honors.Contracts;
using RedSail.Modules.Honors.Features.Honours;

namespace RedSail.Modules.Honors.Features.ExportHonours;

/// <summary>The honours the list shows for the same filters, as an xlsx in the import's layout (formulas neutralised).</summary>
internal sealed record ExportHonours(HonourFilter Filter) : IQuery<byte[]>;

internal sealed class ExportHonoursHandler(HonorsDb db, RequestContext context, MessageCatalog messages) : IRequestHandler<ExportHonours, byte[]>
{
    public async Task<byte[]> Handle(ExportHonours q, CancellationToken cancellationToken)
    {
        var rows = await db.QueryAsync<HonourSummary>($"""
            select {HonourSummary.Columns} from {HonourFilter.From} where {q.Filter.Where} order by h.awarded_on desc, h.id limit @limit
            """, q.Filter.Parameters(context, new { limit = HonourSheet.MaxExportRows + 1 }), cancellationToken);
        if (rows.Count > HonourSheet.MaxExportRows)
            throw new RuleViolationException("export_too_many_rows", "import.export_too_many_rows", HonourSheet.MaxExportRows);
        return HonourSheet.Export(rows, messages);
    }
}

internal static class ExportHonoursEndpoint
{
    public static void MapExportHonours(this IEndpointRouteBuilder api) =>
        api.MapGet("/honours/export", async (string? status, string? level, string? type, int? year, Guid? organizationId, string? name,
                IMediator mediator, CancellationToken ct) =>
            {
                var content = await mediator.Send(new ExportHonours(new HonourFilter(status, level, type, year, organizationId, name)), ct);
                return Results.File(content, Spreadsheet.ContentType, "荣誉库.xlsx");
            })
            .WithName("ExportHonours").WithSummary("导出荣誉库（Excel，按当前筛选条件；格式与导入模板相同）")
            .RequirePermission(HonorsPermissions.Read);
}
