namespace RedSail.Modules.Archives.Features.Search;

/// <summary>
/// Keeps <c>archives.document.search_vector</c> equal to what the documents hold: call it in the same transaction after
/// anything that changes a document's metadata or its files' text (recorded, edited, a file's text extracted, removed).
/// </summary>
internal static class SearchIndex
{
    // PLACEHOLDER until the search slice lands: the search engineer replaces this body with the Chinese segmentation.
    public static Task RefreshAsync(ArchivesDb db, IReadOnlyCollection<Guid> documentIds, CancellationToken ct) => db.ExecuteAsync(
        "update archives.document set search_vector = to_tsvector('simple', title) where id = any(@ids)",
        new { ids = documentIds.ToArray() }, ct);
}
