using RedSail.Modules.Archives.Features.Files;
using RedSail.Modules.Archives.Features.Search;

namespace RedSail.Modules.Archives.Features.ExtractTexts;

/// <summary>
/// Extracts the text of up to <see cref="BatchSize"/> pending files (<see cref="TextExtraction"/>) and refreshes their
/// documents' search columns. Sent every minute by the scheduler and right after an upload (<see cref="ExtractionKick"/>).
/// Files are claimed with <c>for update skip locked</c>, so several hosts or a kick and the schedule never take the same file;
/// a file whose text cannot be read is marked failed with the error kept, and the batch goes on.
/// </summary>
internal sealed record ExtractPendingTexts(int BatchSize = 10) : ICommand<ExtractionRun>
{
    public string AuditAction => "archives.documents.extract_texts";
}

internal sealed record ExtractionRun(int Done, int Failed) : IAuditedResult
{
    public int Processed => Done + Failed;
    public AuditTarget? AuditTarget => null;
    public bool Remarkable => Processed > 0;
}

internal sealed class ExtractPendingTextsHandler(ArchivesDb db, FileStore store) : IRequestHandler<ExtractPendingTexts, ExtractionRun>
{
    public async Task<ExtractionRun> Handle(ExtractPendingTexts request, CancellationToken cancellationToken)
    {
        // 'running' while this transaction works on them; it commits them done or failed.
        var claimed = await db.QueryAsync<PendingFile>("""
            update archives.document_file f set extraction_status = 'running'
            from (select id from archives.document_file where extraction_status = 'pending' and removed_at is null
                  order by uploaded_at limit @BatchSize for update skip locked) p, archives.blob b
            where f.id = p.id and b.sha256 = f.sha256
            returning f.id, f.document_id, f.sha256, f.caption, b.content_type
            """, request, cancellationToken);
        int done = 0, failed = 0;
        foreach (var file in claimed)
        {
            string? text = null, error = null;
            try
            {
                text = TextExtraction.Extract(file.ContentType, await store.ReadAsync(db, file.Sha256, cancellationToken), file.Caption);
                done++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                error = e is AppException app ? app.MessageKey : $"{e.GetType().Name}: {e.Message}";
                failed++;
            }
            await db.ExecuteAsync("""
                update archives.document_file set extraction_status = @status, extracted_text = @text, extraction_error = @error where id = @Id
                """, new { file.Id, status = error is null ? "done" : "failed", text, error = error?[..Math.Min(error.Length, 1000)] }, cancellationToken);
        }
        if (claimed.Count > 0) await SearchIndex.RefreshAsync(db, claimed.Select(f => f.DocumentId).Distinct().ToArray(), cancellationToken);
        return new ExtractionRun(done, failed);
    }

    private sealed class PendingFile
    {
        public Guid Id { get; init; }
        public Guid DocumentId { get; init; }
        public string Sha256 { get; init; } = "";
        public string? Caption { get; init; }
        public string ContentType { get; init; } = "";
    }
}
