namespace RedSail.Modules.Archives.Features.Documents;

/// <summary>A document's files, every version, newest version of each name first.</summary>
internal static class DocumentFiles
{
    public static Task<IReadOnlyList<DocumentFileView>> ListAsync(ArchivesDb db, Guid documentId, CancellationToken ct) =>
        db.QueryAsync<DocumentFileView>("""
            select f.id, f.file_name, f.file_version, b.content_type, b.size, f.sha256, f.caption, f.extraction_status, f.extraction_error, f.uploaded_at
            from archives.document_file f join archives.blob b on b.sha256 = f.sha256
            where f.document_id = @documentId and f.removed_at is null
            order by f.file_name, f.file_version desc
            """, new { documentId }, ct);
}
