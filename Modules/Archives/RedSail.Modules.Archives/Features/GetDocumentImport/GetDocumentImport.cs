using MiniExcelLibs;
using RedSail.BuildingBlocks.Localization;
using RedSail.Modules.Archives.Access;
using RedSail.Modules.Archives.Contracts;
using RedSail.Modules.Archives.Features.Imports;
using static RedSail.BuildingBlocks.Web.Spreadsheet;

namespace RedSail.Modules.Archives.Features.GetDocumentImport;

/// <summary>
/// An import's report: counts by status and every row with its outcome; rows not imported say why (no file received yet,
/// bad date, unknown category, file type refused …). Also downloadable as xlsx (the rows not imported).
/// </summary>
internal sealed record GetDocumentImport(Guid Id) : IQuery<ImportReport>;

internal sealed class ImportReport
{
    public Guid Id { get; init; }
    public string SheetName { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    public int Total => Rows.Count;
    public int Imported => Rows.Count(r => r.Status == ImportStatus.Imported);
    public int Waiting => Rows.Count(r => r.Status == ImportStatus.Waiting);
    public int Skipped => Total - Imported - Waiting;
    public IReadOnlyList<ImportReportRow> Rows { get; set; } = [];
}

internal sealed class ImportReportRow
{
    public int RowNumber { get; init; }
    public string FileName { get; init; } = "";
    public string? Title { get; init; }
    public string Status { get; init; } = "";
    public string? Reason { get; set; }
    public string? ReasonArgument { get; init; }
    public Guid? DocumentId { get; init; }
}

internal sealed class GetDocumentImportHandler(ArchivesDb db, RequestContext context, MessageCatalog messages) : IRequestHandler<GetDocumentImport, ImportReport>
{
    public async Task<ImportReport> Handle(GetDocumentImport request, CancellationToken cancellationToken)
    {
        var report = await db.QuerySingleOrDefaultAsync<ImportReportHead>(
                         "select id, sheet_name, created_at, organization_id from archives.import_batch where id = @Id", request, cancellationToken)
                     ?? throw new NotFoundException("import_batch", request.Id.ToString());
        await ArchivesScope.EnsureOrganizationAsync(db, context, ArchivesPermissions.Write, report.OrganizationId, cancellationToken);
        var rows = await db.QueryAsync<ImportReportRow>("""
            select row_number, file_name, title, status, reason, reason_argument, document_id from archives.import_row where batch_id = @Id order by row_number
            """, request, cancellationToken);
        foreach (var row in rows)
            row.Reason = row.Status == ImportStatus.Waiting ? messages.Get("archives.documents.import.no_file", row.FileName)
                : row.Reason is null ? null : messages.Get(row.Reason, row.ReasonArgument ?? "");
        return new ImportReport { Id = report.Id, SheetName = report.SheetName, CreatedAt = report.CreatedAt, Rows = rows };
    }

    private sealed class ImportReportHead
    {
        public Guid Id { get; init; }
        public string SheetName { get; init; } = "";
        public DateTime CreatedAt { get; init; }
        public Guid OrganizationId { get; init; }
    }
}

internal static class GetDocumentImportEndpoint
{
    public static void MapGetDocumentImport(this IEndpointRouteBuilder api)
    {
        api.MapGet("/imports/{id:guid}", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetDocumentImport(id), ct))
            .WithName("GetDocumentImport").WithSummary("批量导入报告：各行结果与未导入原因")
            .RequirePermission(ArchivesPermissions.Write);
        api.MapGet("/imports/{id:guid}/report", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                var report = await mediator.Send(new GetDocumentImport(id), ct);
                using var stream = new MemoryStream();
                await stream.SaveAsAsync(report.Rows.Where(r => r.Status != ImportStatus.Imported).Select(r => new Dictionary<string, object?>
                {
                    ["行号"] = r.RowNumber, ["文件名"] = Cell(r.FileName), ["标题"] = Cell(r.Title), ["未导入原因"] = Cell(r.Reason),
                }).ToList(), sheetName: "未导入", excelType: ExcelType.XLSX, cancellationToken: ct);
                return Results.File(stream.ToArray(), Spreadsheet.ContentType, "import-report.xlsx");
            })
            .WithName("DownloadDocumentImportReport").WithSummary("下载批量导入报告（未导入的行及原因，xlsx）")
            .RequirePermission(ArchivesPermissions.Write);
    }
}
