using RedSail.Modules.Archives.Domain;

namespace RedSail.Modules.Archives.Features.Search;

/// <summary>
/// Keeps <c>archives.document.search_vector</c> equal to what the documents hold: call it in the same transaction after
/// anything that changes a document's metadata or its files' text (recorded, edited, a file's text extracted, removed).
/// Reads the documents' texts in one query, builds the vectors in the application (Chinese segmentation cannot run in the
/// database) and writes them back in one statement. Weights: A title and document number, B keywords and issuing body,
/// C summary and the current version of each file (extracted text and caption; characters and bigrams only, no segmenter
/// words: docs/adr/0016-chinese-search.md). A vector holds at most ~900 KB
/// (<see cref="SearchVectorBuilder"/>): a very long document is searchable in its first few hundred thousand characters.
/// </summary>
internal static class SearchIndex
{
    public static async Task RefreshAsync(ArchivesDb db, IReadOnlyCollection<Guid> documentIds, CancellationToken ct)
    {
        if (documentIds.Count == 0) return;
        var documents = await db.QueryAsync<SearchSource>($"""
            select d.id, d.title, d.doc_number, d.keywords, d.issuing_body, d.summary,
                   array(select coalesce(f.caption, '') || E'\n' || coalesce(left(f.extracted_text, {SearchVectorBuilder.MaxPartLength}), '')
                         from (select distinct on (f.file_name) f.caption, f.extracted_text from archives.document_file f
                               where f.document_id = d.id and f.removed_at is null order by f.file_name, f.file_version desc) f) as file_texts
            from archives.document d where d.id = any(@ids)
            """, new { ids = documentIds.ToArray() }, ct);
        var vectors = Build(documents);
        await db.ExecuteAsync("""
            update archives.document d set search_vector = v.vector::tsvector, title_vector = v.title::tsvector
            from unnest(@ids, @vectors, @titles) as v(id, vector, title) where d.id = v.id
            """, new { ids = documents.Select(d => d.Id).ToArray(), vectors = vectors.Select(v => v.Full).ToArray(),
                      titles = vectors.Select(v => v.Title).ToArray() }, ct);
    }

    /// <summary>The documents' vectors in their order; many documents are built on all cores (segmentation is CPU work).</summary>
    public static (string? Full, string? Title)[] Build(IReadOnlyList<SearchSource> documents) => documents.Count < 8
        ? documents.Select(Vectors).ToArray()
        : documents.AsParallel().AsOrdered().Select(Vectors).ToArray();

    /// <summary>The whole document's vector, and the title and number's alone (the same lexemes at the same positions).</summary>
    public static (string? Full, string? Title) Vectors(SearchSource d)
    {
        var builder = new SearchVectorBuilder().Add(d.Title, SearchWeight.A).Add(d.DocNumber, SearchWeight.A);
        var title = builder.ToVectorText();
        builder.Add(string.Join('\n', d.Keywords), SearchWeight.B).Add(d.IssuingBody, SearchWeight.B).Add(d.Summary, SearchWeight.C);
        foreach (var text in d.FileTexts) builder.Add(text, SearchWeight.C, words: false);
        return (builder.ToVectorText(), title);
    }
}

/// <summary>What a document's vector is made of (Dapper maps arrays into init properties, not positional records).</summary>
internal sealed class SearchSource
{
    public Guid Id { get; init; }
    public string Title { get; init; } = "";
    public string? DocNumber { get; init; }
    public string[] Keywords { get; init; } = [];
    public string IssuingBody { get; init; } = "";
    public string? Summary { get; init; }
    public string[] FileTexts { get; init; } = [];
}
