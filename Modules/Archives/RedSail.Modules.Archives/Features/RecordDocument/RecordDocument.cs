using RedSail.Modules.Archives.Contracts;
using RedSail.Modules.Archives.Features.Documents;
using RedSail.Modules.Archives.Features.Search;

namespace RedSail.Modules.Archives.Features.RecordDocument;

/// <summary>Files a document in the archive with its metadata (files are uploaded to it afterwards).</summary>
internal sealed record RecordDocument(DocumentFields Document) : ICommand<RecordedDocument>
{
    public string AuditAction => "archives.documents.record";
    public AuditTarget AuditTarget => new("document", null, Document?.OrganizationId?.ToString());
}

internal sealed record RecordedDocument(Guid Id, long Version) : IAuditedResult
{
    public AuditTarget? AuditTarget => new("document", Id.ToString());
}

internal sealed class RecordDocumentValidator : IValidator<RecordDocument>
{
    public void Validate(RecordDocument request, ValidationErrors errors)
    {
        if (request.Document is null) errors.Add("document", "validation.required");
        else request.Document.Check(errors);
    }
}

internal sealed class RecordDocumentHandler(ArchivesDb db, RequestContext context) : IRequestHandler<RecordDocument, RecordedDocument>
{
    public async Task<RecordedDocument> Handle(RecordDocument request, CancellationToken cancellationToken)
    {
        var fields = request.Document;
        await fields.CheckReferencesAsync(db, context, cancellationToken);
        var id = Guid.CreateVersion7();
        await DocumentWrites.InsertAsync(db, id, fields, context.Principal.UserId, cancellationToken);
        await SearchIndex.RefreshAsync(db, [id], cancellationToken);
        return new RecordedDocument(id, 1);
    }
}

internal static class RecordDocumentEndpoint
{
    public static void MapRecordDocument(this IEndpointRouteBuilder api) =>
        api.MapPost("/documents", async (RecordDocument command, IMediator mediator, CancellationToken ct) =>
            {
                var recorded = await mediator.Send(command, ct);
                return Results.Created($"/api/archives/documents/{recorded.Id}", recorded);
            })
            .WithName("RecordDocument").WithSummary("史料登记：标题、文号、日期、发文机关、类别、关键词、密级、所属与相关组织、相关人员")
            .RequirePermission(ArchivesPermissions.Write);
}
