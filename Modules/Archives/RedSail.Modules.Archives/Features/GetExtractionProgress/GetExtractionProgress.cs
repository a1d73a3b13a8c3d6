using RedSail.BuildingBlocks.Audit;
using RedSail.Modules.Archives.Access;
using RedSail.Modules.Archives.Contracts;
using RedSail.Modules.Archives.Features.Documents;

namespace RedSail.Modules.Archives.Features.GetExtractionProgress;

/// <summary>How far text extraction is: file counts by status for one document (if given) and over the documents the caller may see.</summary>
internal sealed record GetExtractionProgress(Guid? DocumentId) : IQuery<ExtractionProgress>;

internal sealed record ExtractionProgress(ExtractionCounts? Document, ExtractionCounts Overall);

internal sealed class ExtractionCounts
{
    public int Pending { get; init; }
    public int Running { get; init; }
    public int Done { get; init; }
    public int Failed { get; init; }
    public int Total => Pending + Running + Done + Failed;
}

internal sealed class GetExtractionProgressHandler(ArchivesDb db, RequestContext context, AuditTrail audit)
    : IRequestHandler<GetExtractionProgress, ExtractionProgress>
{
    public async Task<ExtractionProgress> Handle(GetExtractionProgress request, CancellationToken cancellationToken)
    {
        if (request.DocumentId is { } id)
            await DocumentAccess.FindVisibleAsync(db, context, audit, id, "archives.documents.read", cancellationToken);
        const string counts = """
            count(*) filter (where f.extraction_status = 'pending')::int as pending, count(*) filter (where f.extraction_status = 'running')::int as running,
            count(*) filter (where f.extraction_status = 'done')::int as done, count(*) filter (where f.extraction_status = 'failed')::int as failed
            """;
        using var grid = await db.QueryMultipleAsync($"""
            select {counts} from archives.document_file f where f.document_id = @documentId and f.removed_at is null;
            select {counts} from archives.document_file f join archives.document d on d.id = f.document_id
            where f.removed_at is null and {ArchivesScope.Visible("d")};
            """, ArchivesScope.Parameters(context, new { documentId = request.DocumentId ?? Guid.Empty }), cancellationToken);
        var document = await grid.ReadSingleAsync<ExtractionCounts>();
        return new ExtractionProgress(request.DocumentId is null ? null : document, await grid.ReadSingleAsync<ExtractionCounts>());
    }
}

internal static class GetExtractionProgressEndpoint
{
    public static void MapGetExtractionProgress(this IEndpointRouteBuilder api) =>
        api.MapGet("/extraction-progress", (Guid? documentId, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetExtractionProgress(documentId), ct))
            .WithName("GetExtractionProgress").WithSummary("全文提取进度：按状态统计文件数（单个史料与全部）")
            .RequirePermission(ArchivesPermissions.Read);
}
