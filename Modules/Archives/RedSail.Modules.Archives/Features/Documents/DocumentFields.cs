using RedSail.Modules.Archives.Access;
using RedSail.Modules.Archives.Contracts;
using RedSail.Modules.Archives.Domain;

namespace RedSail.Modules.Archives.Features.Documents;

/// <summary>
/// A document's metadata as recorded and edited (issue 5): title, 文号, date, issuing body, category, keywords, security
/// level, the owning organisation (which decides its scope), related organisations and people, and a text body.
/// </summary>
internal sealed record DocumentFields(
    string Title,
    string? DocNumber,
    DateOnly? IssuedOn,
    string IssuingBody,
    Guid? CategoryId,
    IReadOnlyList<string>? Keywords,
    int SecurityLevel,
    Guid? OrganizationId,
    IReadOnlyList<Guid>? RelatedOrganizationIds,
    IReadOnlyList<Guid>? RelatedPersonIds,
    string? Summary)
{
    public const int MaxKeywords = 20;

    public string[] KeywordList => (Keywords ?? []).Select(k => k.Trim()).Where(k => k.Length > 0).Distinct().ToArray();
    public Guid[] RelatedOrganizations => (RelatedOrganizationIds ?? []).Distinct().ToArray();
    public Guid[] RelatedPeople => (RelatedPersonIds ?? []).Distinct().ToArray();

    /// <summary>The field checks (under <c>document.</c>); references to the read model are <see cref="CheckReferencesAsync"/>.</summary>
    public void Check(ValidationErrors errors, string prefix = "document.")
    {
        errors.RequiredMax(prefix + "title", Title, 300);
        errors.MaxLength(prefix + "docNumber", DocNumber, 100);
        if (IssuedOn is null) errors.Add(prefix + "issuedOn", "validation.required");
        errors.RequiredMax(prefix + "issuingBody", IssuingBody, 200);
        if (CategoryId is null) errors.Add(prefix + "categoryId", "validation.required");
        if (OrganizationId is null) errors.Add(prefix + "organizationId", "validation.required");
        if (!SecurityLevels.IsValid(SecurityLevel)) errors.Add(prefix + "securityLevel", "archives.documents.security_level_invalid");
        var keywords = KeywordList;
        if (keywords.Length > MaxKeywords || keywords.Any(k => k.Length > 50))
            errors.Add(prefix + "keywords", "archives.documents.keywords_invalid", MaxKeywords, 50);
        errors.MaxLength(prefix + "summary", Summary, 20_000);
    }

    /// <summary>
    /// The category, related organisations and related people must exist in Archives' read model; the owning organisation
    /// must be in the caller's write scope (404 otherwise), and only holders of <c>archives.restricted</c> file 限制 documents.
    /// </summary>
    public async Task CheckReferencesAsync(ArchivesDb db, RequestContext context, CancellationToken ct)
    {
        await ArchivesScope.EnsureOrganizationAsync(db, context, ArchivesPermissions.Write, OrganizationId!.Value, ct);
        if (SecurityLevel == SecurityLevels.Restricted && !context.Principal.Has(ArchivesPermissions.Restricted))
            throw new ForbiddenException("archives.documents.restricted_needs_permission", "archives_restricted");
        var found = await db.QuerySingleAsync<ReferenceCounts>("""
            select exists (select 1 from archives.category where id = @CategoryId) as category,
                   (select count(*)::int from archives.organization where id = any(@organizations)) as organizations,
                   (select count(*)::int from archives.person where id = any(@people)) as people
            """, new { CategoryId, organizations = RelatedOrganizations, people = RelatedPeople }, ct);
        var errors = new ValidationErrors();
        if (!found.Category) errors.Add("document.categoryId", "archives.documents.category_unknown");
        if (found.Organizations != RelatedOrganizations.Length) errors.Add("document.relatedOrganizationIds", "archives.documents.organization_unknown");
        if (found.People != RelatedPeople.Length) errors.Add("document.relatedPersonIds", "archives.documents.person_unknown");
        errors.ThrowIfAny();
    }

    private sealed class ReferenceCounts
    {
        public bool Category { get; init; }
        public int Organizations { get; init; }
        public int People { get; init; }
    }
}
