using Microsoft.Net.Http.Headers;
using RedSail.BuildingBlocks.Audit;
using RedSail.Modules.Archives.Contracts;
using RedSail.Modules.Archives.Features.Documents;
using RedSail.Modules.Archives.Features.Files;

namespace RedSail.Modules.Archives.Features.DownloadDocumentFile;

/// <summary>One version of a document's file, for whoever may see the document, its checksum verified on the way out.</summary>
internal sealed record DownloadDocumentFile(Guid DocumentId, Guid FileId) : IQuery<FileContent>;

internal sealed class FileContent
{
    public string FileName { get; init; } = "";
    public string ContentType { get; init; } = "";
    public string Sha256 { get; init; } = "";
    public Guid OrganizationId { get; init; }
    public byte[] Content { get; set; } = [];
}

internal sealed class DownloadDocumentFileHandler(ArchivesDb db, RequestContext context, AuditTrail audit, FileStore store)
    : IRequestHandler<DownloadDocumentFile, FileContent>
{
    public async Task<FileContent> Handle(DownloadDocumentFile request, CancellationToken cancellationToken)
    {
        await DocumentAccess.FindVisibleAsync(db, context, audit, request.DocumentId, DownloadDocumentFileEndpoint.AuditAction, cancellationToken);
        var file = await db.QuerySingleOrDefaultAsync<FileContent>("""
                       select f.file_name, b.content_type, f.sha256, d.organization_id
                       from archives.document_file f join archives.blob b on b.sha256 = f.sha256 join archives.document d on d.id = f.document_id
                       where f.id = @FileId and f.document_id = @DocumentId and f.removed_at is null
                       """, request, cancellationToken)
                   ?? throw new NotFoundException("document_file", request.FileId.ToString());
        file.Content = await store.ReadAsync(db, file.Sha256, cancellationToken);
        return file;
    }
}

internal static class DownloadDocumentFileEndpoint
{
    public const string AuditAction = "archives.documents.file.download";

    /// <summary>
    /// <c>?inline=true</c> previews (PDFs and images are shown by the browser, everything else is still a download); the
    /// global headers add <c>nosniff</c>, so the declared type is the one the browser uses. Every download and every checksum
    /// failure is audited.
    /// </summary>
    public static void MapDownloadDocumentFile(this IEndpointRouteBuilder api) =>
        api.MapGet("/documents/{id:guid}/files/{fileId:guid}/content", async (Guid id, Guid fileId, bool? inline, IMediator mediator, AuditTrail audit,
                RequestContext context, HttpResponse response, CancellationToken ct) =>
            {
                FileContent file;
                try
                {
                    file = await mediator.Send(new DownloadDocumentFile(id, fileId), ct);
                }
                catch (StoredFileCorruptException e)
                {
                    await audit.RecordAsync(context, new AuditEntry(AuditAction, AuditResult.Failed, "document_file", fileId.ToString(), null,
                        $"checksum mismatch sha256={e.Sha256}"), CancellationToken.None);
                    throw;
                }
                await audit.RecordAsync(context, new AuditEntry(AuditAction, AuditResult.Success, "document_file", fileId.ToString(),
                    file.OrganizationId.ToString(), $"document={id}"), ct);
                var preview = inline == true && (file.ContentType == DocumentTypes.Pdf || ArchiveFileRules.IsImage(file.ContentType));
                var disposition = new ContentDispositionHeaderValue(preview ? "inline" : "attachment");
                disposition.SetHttpFileName(file.FileName);
                response.Headers.ContentDisposition = disposition.ToString();
                return Results.Bytes(file.Content, file.ContentType);
            })
            .WithName("DownloadDocumentFile").WithSummary("下载或在线预览史料文件（校验 SHA-256；下载记入审计日志）")
            .RequirePermission(ArchivesPermissions.Read);
}
