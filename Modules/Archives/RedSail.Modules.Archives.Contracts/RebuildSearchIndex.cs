using RedSail.BuildingBlocks.Mediation;

namespace RedSail.Modules.Archives.Contracts;

/// <summary>
/// Rebuilds the search vectors of the next <see cref="BatchSize"/> documents in id order after <see cref="After"/> (null: from
/// the first), in a transaction of its own; the <c>reindex</c> verb sends it until <see cref="SearchIndexBatch.Done"/>.
/// Idempotent: a vector is computed from the stored texts only, so running it again writes the same vectors.
/// </summary>
public sealed record RebuildSearchIndex(Guid? After = null, int BatchSize = 500) : ICommand<SearchIndexBatch>
{
    public string AuditAction => "archives.search.reindex";
}

/// <summary>One batch's outcome: documents indexed, the last id (the next batch's <c>After</c>), documents in total.</summary>
public sealed record SearchIndexBatch(int Indexed, Guid? Last, long Total, bool Done);
