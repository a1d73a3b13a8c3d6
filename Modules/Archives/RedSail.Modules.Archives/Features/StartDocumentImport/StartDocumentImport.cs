using Microsoft.AspNetCore.Mvc;
using RedSail.Modules.Archives.Access;
using RedSail.Modules.Archives.Contracts;
using RedSail.Modules.Archives.Features.Files;
using RedSail.Modules.Archives.Features.Imports;

namespace RedSail.Modules.Archives.Features.StartDocumentImport;

/// <summary>
/// Starts a bulk import from its metadata sheet (<see cref="ImportSheet"/>): every row is kept with its verdict, and the
/// folder's files are then uploaded one by one (ImportDocumentFile). The documents belong to <see cref="OrganizationId"/>.
/// </summary>
internal sealed record StartDocumentImport(Guid OrganizationId, string SheetName, byte[] Sheet) : ICommand<StartedImport>
{
    public string AuditAction => "archives.documents.import.start";
    public AuditTarget AuditTarget => new("import_batch", null, OrganizationId.ToString());
}

internal sealed record StartedImport(Guid Id, int Rows, int Waiting, int Invalid) : IAuditedResult
{
    public AuditTarget? AuditTarget => new("import_batch", Id.ToString());
}

internal sealed class StartDocumentImportHandler(ArchivesDb db, RequestContext context) : IRequestHandler<StartDocumentImport, StartedImport>
{
    public async Task<StartedImport> Handle(StartDocumentImport request, CancellationToken cancellationToken)
    {
        XlsxUpload.EnsureSafe(request.Sheet, ImportSheet.Limits);
        await ArchivesScope.EnsureOrganizationAsync(db, context, ArchivesPermissions.Write, request.OrganizationId, cancellationToken);
        var categories = (await db.QueryAsync<(Guid Id, string Path)>("""
            with recursive tree as (select id, name::text as path from archives.category where parent_id is null
                union all select c.id, tree.path || '/' || c.name from archives.category c join tree on c.parent_id = tree.id)
            select id, path from tree
            """, null, cancellationToken)).ToDictionary(c => c.Path, c => c.Id);
        List<ImportSheet.Row> rows;
        try
        {
            rows = ImportSheet.Read(request.Sheet, categories, context.Principal.Has(ArchivesPermissions.Restricted));
        }
        catch (InvalidDataException)
        {
            throw XlsxUpload.Rejected("import_file_not_xlsx", "import.file_not_xlsx");
        }
        var id = Guid.CreateVersion7();
        await db.ExecuteAsync("insert into archives.import_batch (id, sheet_name, organization_id, created_by) values (@id, @name, @OrganizationId, @userId)",
            new { id, name = Path.GetFileName(request.SheetName), request.OrganizationId, userId = context.Principal.UserId }, cancellationToken);
        await db.ExecuteAsync("""
            insert into archives.import_row (batch_id, row_number, file_name, title, doc_number, issued_on, issuing_body, category_id, keywords,
                security_level, status, reason, reason_argument)
            values (@id, @RowNumber, @FileName, @Title, @DocNumber, @IssuedOn, @IssuingBody, @CategoryId, @Keywords, @level, @Status, @Reason, @ReasonArgument)
            """, rows.Select(r => new
        {
            id, r.RowNumber, r.FileName, r.Title, r.DocNumber, r.IssuedOn, r.IssuingBody, r.CategoryId, r.Keywords, level = (short?)r.SecurityLevel,
            r.Status, r.Reason, r.ReasonArgument,
        }), cancellationToken);
        return new StartedImport(id, rows.Count, rows.Count(r => r.Status == ImportStatus.Waiting), rows.Count(r => r.Status == ImportStatus.Invalid));
    }
}

internal static class StartDocumentImportEndpoint
{
    public static void MapStartDocumentImport(this IEndpointRouteBuilder api) =>
        api.MapPost("/imports", async (HttpRequest http, IMediator mediator, CancellationToken ct) =>
            {
                var (name, content) = await UploadForms.ReadFileAsync(http, ct);
                if (!Guid.TryParse(http.Form["organizationId"], out var organizationId))
                    new ValidationErrors().Add("organizationId", "validation.required").ThrowIfAny();
                var started = await mediator.Send(new StartDocumentImport(organizationId, name, content), ct);
                return Results.Created($"/api/archives/imports/{started.Id}", started);
            })
            .WithName("StartDocumentImport").WithSummary("批量导入史料：上传元数据表（xlsx，每行一个文件），之后逐个上传文件夹中的文件")
            .WithMetadata(new RequestSizeLimitAttribute(ImportSheet.MaxBytes + 64 * 1024))
            .RequirePermission(ArchivesPermissions.Write);
}
