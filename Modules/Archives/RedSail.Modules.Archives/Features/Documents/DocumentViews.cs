namespace RedSail.Modules.Archives.Features.Documents;

/// <summary>A document in a list: what the 史料库 table shows.</summary>
internal class DocumentSummary
{
    /// <summary>The columns of <c>archives.document d</c> with its category <c>c</c> and organisation <c>o</c>.</summary>
    public const string Columns = """
        d.id, d.title, d.doc_number, d.issued_on, d.issuing_body, d.category_id, c.name as category_name, d.keywords, d.security_level,
        d.organization_id, o.name as organization_name, d.version,
        (select count(distinct f.file_name)::int from archives.document_file f where f.document_id = d.id and f.removed_at is null) as file_count
        """;

    public const string Joins = """
        join archives.category c on c.id = d.category_id
        left join archives.organization o on o.id = d.organization_id
        """;

    public Guid Id { get; init; }
    public string Title { get; init; } = "";
    public string? DocNumber { get; init; }
    public DateOnly IssuedOn { get; init; }
    public string IssuingBody { get; init; } = "";
    public Guid CategoryId { get; init; }
    public string CategoryName { get; init; } = "";
    public string[] Keywords { get; init; } = [];
    public int SecurityLevel { get; init; }
    public Guid OrganizationId { get; init; }
    public string? OrganizationName { get; init; }
    public long Version { get; init; }
    public int FileCount { get; init; }
}

/// <summary>One document with everything the detail page shows.</summary>
internal sealed class DocumentDetail : DocumentSummary
{
    public new const string Columns = DocumentSummary.Columns + """
        , d.summary, d.related_organization_ids, d.related_person_ids, d.recorded_at, d.updated_at,
        (with recursive up as (select id, parent_id, name, 0 as depth from archives.category where id = d.category_id
            union all select p.id, p.parent_id, p.name, up.depth + 1 from archives.category p join up on p.id = up.parent_id)
         select string_agg(name, ' / ' order by depth desc) from up) as category_path
        """;

    public string? Summary { get; init; }
    public Guid[] RelatedOrganizationIds { get; init; } = [];
    public Guid[] RelatedPersonIds { get; init; } = [];
    public DateTime RecordedAt { get; init; }
    public DateTime? UpdatedAt { get; init; }
    public string? CategoryPath { get; init; }
    public IReadOnlyList<NamedReference> RelatedOrganizations { get; set; } = [];
    public IReadOnlyList<NamedReference> RelatedPeople { get; set; } = [];
    public IReadOnlyList<DocumentFileView> Files { get; set; } = [];
}

internal sealed record NamedReference(Guid Id, string Name);

/// <summary>One version of one file of a document.</summary>
internal sealed class DocumentFileView
{
    public Guid Id { get; init; }
    public string FileName { get; init; } = "";
    public int FileVersion { get; init; }
    public string ContentType { get; init; } = "";
    public long Size { get; init; }
    public string Sha256 { get; init; } = "";
    public string? Caption { get; init; }
    public string ExtractionStatus { get; init; } = "";
    public string? ExtractionError { get; init; }
    public DateTime UploadedAt { get; init; }
}
