using RedSail.BuildingBlocks.Localization;
using Microsoft.AspNetCore.Mvc;
using RedSail.Modules.Archives.Access;
using RedSail.Modules.Archives.Contracts;
using RedSail.Modules.Archives.Features.Documents;
using RedSail.Modules.Archives.Features.ExtractTexts;
using RedSail.Modules.Archives.Features.Files;
using RedSail.Modules.Archives.Features.Imports;
using RedSail.Modules.Archives.Features.Search;
using RedSail.Modules.Archives.Features.UploadDocumentFile;

namespace RedSail.Modules.Archives.Features.ImportDocumentFile;

/// <summary>
/// One file of an import's folder. Its row (by file name) becomes a document with this file; a file already received with the
/// same content is skipped, so an interrupted import resumes by uploading the whole folder again; a changed file becomes the
/// next version. A refused file (type, size, zip bomb) marks its row refused with the reason and is not stored: the client
/// goes on with the next file. A file the sheet does not list is answered <c>unlisted</c>.
/// </summary>
internal sealed record ImportDocumentFile(Guid BatchId, string FileName, byte[] Content) : ICommand<ImportedFile>
{
    public string AuditAction => "archives.documents.import.file";
    public AuditTarget AuditTarget => new("import_batch", BatchId.ToString());
}

/// <summary><see cref="Outcome"/>: imported | version (a changed file of an imported row) | already | skipped (the row is invalid) | refused | unlisted.</summary>
internal sealed record ImportedFile(string FileName, string Outcome, int? RowNumber, Guid? DocumentId, string? Reason) : IAuditedResult
{
    public AuditTarget? AuditTarget => DocumentId is { } id ? new AuditTarget("document", id.ToString()) : null;
    public bool Remarkable => Outcome is "imported" or "version";
}

internal sealed class ImportDocumentFileHandler(ArchivesDb db, RequestContext context, FileStore store, MessageCatalog messages)
    : IRequestHandler<ImportDocumentFile, ImportedFile>
{
    public async Task<ImportedFile> Handle(ImportDocumentFile request, CancellationToken cancellationToken)
    {
        var organizationId = await db.QuerySingleOrDefaultAsync<Guid?>("select organization_id from archives.import_batch where id = @BatchId",
            request, cancellationToken) ?? throw new NotFoundException("import_batch", request.BatchId.ToString());
        await ArchivesScope.EnsureOrganizationAsync(db, context, ArchivesPermissions.Write, organizationId, cancellationToken);
        var name = Path.GetFileName(request.FileName.Trim());
        var row = await db.QuerySingleOrDefaultAsync<ImportRow>("""
            select row_number, title, doc_number, issued_on, issuing_body, category_id, keywords, security_level, status, reason, reason_argument,
                   sha256, document_id
            from archives.import_row where batch_id = @BatchId and file_name = @name order by row_number limit 1 for update
            """, new { request.BatchId, name }, cancellationToken);
        if (row is null) return new ImportedFile(name, "unlisted", null, null, null);
        if (row.Status == ImportStatus.Invalid) return new ImportedFile(name, "skipped", row.RowNumber, null, Reason(row.Reason, row.ReasonArgument));
        var sha256 = FileStore.Hash(request.Content);
        if (row.Status == ImportStatus.Imported && row.Sha256 == sha256) return new ImportedFile(name, "already", row.RowNumber, row.DocumentId, null);
        try
        {
            ArchiveFileRules.Check(name, request.Content);
        }
        catch (AppException refused) when (refused.Status == 400)
        {
            if (row.Status != ImportStatus.Imported) await SetAsync(request.BatchId, row.RowNumber, ImportStatus.Refused, refused.MessageKey, name, null, null, cancellationToken);
            return new ImportedFile(name, "refused", row.RowNumber, row.DocumentId, messages.Get(refused.MessageKey, refused.Args));
        }
        var documentId = row.DocumentId ?? Guid.CreateVersion7();
        if (row.DocumentId is null)
            await DocumentWrites.InsertAsync(db, documentId, new DocumentFields(row.Title!, row.DocNumber, row.IssuedOn, row.IssuingBody!, row.CategoryId,
                row.Keywords, row.SecurityLevel ?? 0, organizationId, [], [], null), context.Principal.UserId, cancellationToken);
        await UploadDocumentFileHandler.AttachAsync(db, store, context, documentId, name, request.Content, null, cancellationToken);
        await SetAsync(request.BatchId, row.RowNumber, ImportStatus.Imported, null, null, sha256, documentId, cancellationToken);
        await SearchIndex.RefreshAsync(db, [documentId], cancellationToken);
        return new ImportedFile(name, row.DocumentId is null ? "imported" : "version", row.RowNumber, documentId, null);
    }

    private string? Reason(string? key, string? argument) => key is null ? null : messages.Get(key, argument ?? "");

    private Task SetAsync(Guid batchId, int rowNumber, string status, string? reason, string? argument, string? sha256, Guid? documentId,
        CancellationToken ct) => db.ExecuteAsync("""
        update archives.import_row set status = @status, reason = @reason, reason_argument = @argument, sha256 = coalesce(@sha256, sha256),
            document_id = coalesce(@documentId, document_id)
        where batch_id = @batchId and row_number = @rowNumber
        """, new { batchId, rowNumber, status, reason, argument, sha256, documentId }, ct);

    private sealed class ImportRow
    {
        public int RowNumber { get; init; }
        public string? Title { get; init; }
        public string? DocNumber { get; init; }
        public DateOnly? IssuedOn { get; init; }
        public string? IssuingBody { get; init; }
        public Guid? CategoryId { get; init; }
        public string[] Keywords { get; init; } = [];
        public short? SecurityLevel { get; init; }
        public string Status { get; init; } = "";
        public string? Reason { get; init; }
        public string? ReasonArgument { get; init; }
        public string? Sha256 { get; init; }
        public Guid? DocumentId { get; init; }
    }
}

internal static class ImportDocumentFileEndpoint
{
    public static void MapImportDocumentFile(this IEndpointRouteBuilder api) =>
        api.MapPost("/imports/{id:guid}/files", async (Guid id, HttpRequest http, IMediator mediator, ExtractionKick kick, CancellationToken ct) =>
            {
                var (name, content) = await UploadForms.ReadFileAsync(http, ct);
                var imported = await mediator.Send(new ImportDocumentFile(id, name, content), ct);
                if (imported.Remarkable) kick.Signal();
                return imported;
            })
            .WithName("ImportDocumentFile").WithSummary("批量导入：上传文件夹中的一个文件（按文件名对应元数据行；已收到的相同文件跳过，可断点续传）")
            .WithMetadata(new RequestSizeLimitAttribute(ArchiveFileRules.MaxRequestBytes))
            .RequirePermission(ArchivesPermissions.Write);
}
