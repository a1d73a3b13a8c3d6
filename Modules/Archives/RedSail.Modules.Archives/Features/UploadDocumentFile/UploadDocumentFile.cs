using Microsoft.AspNetCore.Mvc;
using RedSail.BuildingBlocks.Audit;
using RedSail.Modules.Archives.Contracts;
using RedSail.Modules.Archives.Features.Documents;
using RedSail.Modules.Archives.Features.ExtractTexts;
using RedSail.Modules.Archives.Features.Files;

namespace RedSail.Modules.Archives.Features.UploadDocumentFile;

/// <summary>
/// Attaches a file to a document: checked (<see cref="ArchiveFileRules"/>), stored under its hash (<see cref="FileStore"/>),
/// and queued for text extraction. The same file name again is the file's next version; every version is kept.
/// </summary>
internal sealed record UploadDocumentFile(Guid DocumentId, string FileName, byte[] Content, string? Caption) : ICommand<UploadedFile>
{
    public string AuditAction => "archives.documents.file.upload";
    public AuditTarget AuditTarget => new("document", DocumentId.ToString());
}

internal sealed record UploadedFile(Guid Id, Guid DocumentId, string FileName, int FileVersion, string ContentType, string Sha256) : IAuditedResult
{
    public AuditTarget? AuditTarget => new("document_file", Id.ToString());
}

internal sealed class UploadDocumentFileValidator : IValidator<UploadDocumentFile>
{
    public void Validate(UploadDocumentFile request, ValidationErrors errors)
    {
        errors.RequiredMax("fileName", request.FileName, 255);
        errors.MaxLength("caption", request.Caption, 2_000);
    }
}

internal sealed class UploadDocumentFileHandler(ArchivesDb db, RequestContext context, AuditTrail audit, FileStore store)
    : IRequestHandler<UploadDocumentFile, UploadedFile>
{
    public async Task<UploadedFile> Handle(UploadDocumentFile request, CancellationToken cancellationToken)
    {
        await DocumentAccess.FindWritableAsync(db, context, audit, request.DocumentId, request.AuditAction, cancellationToken);
        return await AttachAsync(db, store, context, request.DocumentId, request.FileName, request.Content, request.Caption, cancellationToken);
    }

    /// <summary>Checks, stores and attaches a file as the next version of its name (the document row is locked by the caller).</summary>
    public static async Task<UploadedFile> AttachAsync(ArchivesDb db, FileStore store, RequestContext context, Guid documentId, string fileName,
        byte[] content, string? caption, CancellationToken ct)
    {
        var name = Path.GetFileName(fileName.Trim());
        var contentType = ArchiveFileRules.Check(name, content);
        var sha256 = await store.SaveAsync(db, content, contentType, ct);
        var id = Guid.CreateVersion7();
        var version = await db.QuerySingleAsync<int>("""
            insert into archives.document_file (id, document_id, file_name, file_version, sha256, caption, uploaded_by)
            select @id, @documentId, @name, coalesce(max(file_version), 0) + 1, @sha256, @caption, @userId
            from archives.document_file where document_id = @documentId and file_name = @name
            returning file_version
            """, new { id, documentId, name, sha256, caption = DocumentWrites.Blank(caption), userId = context.Principal.UserId }, ct);
        return new UploadedFile(id, documentId, name, version, contentType, sha256);
    }
}

internal static class UploadDocumentFileEndpoint
{
    public static void MapUploadDocumentFile(this IEndpointRouteBuilder api) =>
        api.MapPost("/documents/{id:guid}/files", async (Guid id, HttpRequest http, IMediator mediator, ExtractionKick kick, CancellationToken ct) =>
            {
                var (file, content) = await UploadForms.ReadFileAsync(http, ct);
                var caption = http.Form["caption"].ToString();
                var uploaded = await mediator.Send(new UploadDocumentFile(id, file, content, caption), ct);
                kick.Signal(); // committed: extract its text now rather than at the next minute
                return Results.Created($"/api/archives/documents/{id}/files/{uploaded.Id}", uploaded);
            })
            .WithName("UploadDocumentFile").WithSummary("上传史料文件（PDF、DOCX、XLSX 50 MB，PNG、JPEG 10 MB；类型按内容识别；同名文件为新版本）")
            .WithMetadata(new RequestSizeLimitAttribute(ArchiveFileRules.MaxRequestBytes))
            .RequirePermission(ArchivesPermissions.Write);
}
