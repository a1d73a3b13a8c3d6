using RedSail.Modules.Archives.Contracts;
using RedSail.Modules.Archives.Features.Search;

namespace RedSail.Modules.Archives.Features.Reindex;

/// <summary>One batch of the <c>reindex</c> verb: the search vectors of the next documents by id (removed ones too: the
/// vector follows the texts, visibility is decided at search time).</summary>
internal sealed class RebuildSearchIndexHandler(ArchivesDb db) : IRequestHandler<RebuildSearchIndex, SearchIndexBatch>
{
    public async Task<SearchIndexBatch> Handle(RebuildSearchIndex request, CancellationToken ct)
    {
        var ids = await db.QueryAsync<Guid>(
            "select id from archives.document where @after::uuid is null or id > @after order by id limit @size",
            new { after = request.After, size = request.BatchSize }, ct);
        await SearchIndex.RefreshAsync(db, ids, ct);
        var total = await db.ExecuteScalarAsync<long>("select count(*) from archives.document", ct: ct);
        return new SearchIndexBatch(ids.Count, ids.Count > 0 ? ids[^1] : request.After, total, ids.Count < request.BatchSize);
    }
}

internal sealed class RebuildSearchIndexValidator : IValidator<RebuildSearchIndex>
{
    public void Validate(RebuildSearchIndex request, ValidationErrors errors) => errors.Between("batchSize", request.BatchSize, 1, 10_000);
}
