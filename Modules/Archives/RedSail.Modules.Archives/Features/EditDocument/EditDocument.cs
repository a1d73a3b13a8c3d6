using RedSail.BuildingBlocks.Audit;
using RedSail.Modules.Archives.Contracts;
using RedSail.Modules.Archives.Features.Documents;
using RedSail.Modules.Archives.Features.Search;

namespace RedSail.Modules.Archives.Features.EditDocument;

/// <summary>Corrects a document's metadata; <see cref="Version"/> is the one the editor read (a newer one answers 409).</summary>
internal sealed record EditDocument(Guid Id, long Version, DocumentFields Document) : ICommand<EditedDocument>
{
    public string AuditAction => "archives.documents.edit";
    public AuditTarget AuditTarget => new("document", Id.ToString());
}

internal sealed record EditedDocument(Guid Id, long Version);

internal sealed record EditDocumentBody(long Version, DocumentFields Document);

internal sealed class EditDocumentValidator : IValidator<EditDocument>
{
    public void Validate(EditDocument request, ValidationErrors errors)
    {
        if (request.Document is null) errors.Add("document", "validation.required");
        else request.Document.Check(errors);
    }
}

internal sealed class EditDocumentHandler(ArchivesDb db, RequestContext context, AuditTrail audit, IClock clock)
    : IRequestHandler<EditDocument, EditedDocument>
{
    public async Task<EditedDocument> Handle(EditDocument request, CancellationToken cancellationToken)
    {
        var current = await DocumentAccess.FindWritableAsync(db, context, audit, request.Id, request.AuditAction, cancellationToken);
        if (current.Version != request.Version) throw new ConcurrencyException(current.Version);
        var fields = request.Document;
        await fields.CheckReferencesAsync(db, context, cancellationToken);
        await db.ExecuteAsync("""
            update archives.document set title = @Title, doc_number = @DocNumber, issued_on = @IssuedOn, issuing_body = @IssuingBody,
                category_id = @CategoryId, keywords = @keywords, security_level = @level, organization_id = @OrganizationId,
                related_organization_ids = @relatedOrganizations, related_person_ids = @relatedPeople, summary = @Summary,
                updated_at = @now, updated_by = @userId, version = version + 1
            where id = @id
            """, new
        {
            id = request.Id, fields.Title, DocNumber = DocumentWrites.Blank(fields.DocNumber), fields.IssuedOn, fields.IssuingBody,
            fields.CategoryId, keywords = fields.KeywordList, level = (short)fields.SecurityLevel, fields.OrganizationId,
            relatedOrganizations = fields.RelatedOrganizations, relatedPeople = fields.RelatedPeople,
            Summary = DocumentWrites.Blank(fields.Summary), now = clock.UtcNow, userId = context.Principal.UserId,
        }, cancellationToken);
        await SearchIndex.RefreshAsync(db, [request.Id], cancellationToken);
        return new EditedDocument(request.Id, current.Version + 1);
    }
}

internal static class EditDocumentEndpoint
{
    public static void MapEditDocument(this IEndpointRouteBuilder api) =>
        api.MapPut("/documents/{id:guid}", (Guid id, EditDocumentBody body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new EditDocument(id, body.Version, body.Document), ct))
            .WithName("EditDocument").WithSummary("修改史料著录信息（带版本号，已被他人修改时返回 409）")
            .RequirePermission(ArchivesPermissions.Write);
}
