namespace RedSail.Modules.Archives.Features.Documents;

/// <summary>The insert of a document's row, shared by the recording form and the bulk import.</summary>
internal static class DocumentWrites
{
    public static Task InsertAsync(ArchivesDb db, Guid id, DocumentFields fields, Guid? userId, CancellationToken ct) => db.ExecuteAsync("""
        insert into archives.document (id, title, doc_number, issued_on, issuing_body, category_id, keywords, security_level, organization_id,
            related_organization_ids, related_person_ids, summary, recorded_by)
        values (@id, @Title, @DocNumber, @IssuedOn, @IssuingBody, @CategoryId, @keywords, @level, @OrganizationId,
            @relatedOrganizations, @relatedPeople, @Summary, @userId)
        """, new
    {
        id, fields.Title, DocNumber = Blank(fields.DocNumber), fields.IssuedOn, fields.IssuingBody, fields.CategoryId,
        keywords = fields.KeywordList, level = (short)fields.SecurityLevel, fields.OrganizationId,
        relatedOrganizations = fields.RelatedOrganizations, relatedPeople = fields.RelatedPeople, Summary = Blank(fields.Summary), userId,
    }, ct);

    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
