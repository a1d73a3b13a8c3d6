using RedSail.Modules.Archives.Access;
using RedSail.Modules.Archives.Contracts;
using RedSail.Modules.Archives.Domain;

namespace RedSail.Modules.Archives.Features.SearchDocuments;

/// <summary>
/// Full-text search of the documents the caller may see (docs/adr/0016-chinese-search.md): the query's words as phrases of
/// bigrams against the documents' vectors (GIN), narrowed by category (with its subcategories), issue date, issuing body
/// (fragment) and compiled volume; ranked by cover density with title and number weighted highest, documents whose title or
/// number holds the query as typed first, then the newest. Each hit carries its title and up to three passages with the
/// query's words marked (<see cref="SearchHighlights"/>).
/// </summary>
internal sealed record SearchDocuments(string? Q, Guid? CategoryId, DateOnly? From, DateOnly? To, string? Body, Guid? VolumeId,
    int Page = 1, int PageSize = 20) : IQuery<SearchResults>;

/// <summary>A page of hits; <see cref="Total"/> is exact unless <see cref="TotalCapped"/>, when at least that many match.</summary>
internal sealed record SearchResults(IReadOnlyList<SearchHit> Items, long Total, int Page, int PageSize, bool TotalCapped);

internal sealed class SearchHit
{
    public Guid DocumentId { get; init; }
    public string Title { get; init; } = "";
    /// <summary>The title as HTML with the hits marked (everything else escaped).</summary>
    public string TitleHtml { get; set; } = "";
    public string? DocNumber { get; init; }
    public DateOnly IssuedOn { get; init; }
    public string IssuingBody { get; init; } = "";
    public string CategoryName { get; init; } = "";
    public IReadOnlyList<string> Snippets { get; set; } = [];
    public double Rank { get; init; }
    /// <summary>All matches (read with the page, not sent per hit).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public long Total { get; init; }
}

internal sealed class SearchDocumentsHandler(ArchivesDb db, RequestContext context) : IRequestHandler<SearchDocuments, SearchResults>
{
    /// <summary>How much of a file's text the highlighter reads: the part the index covers, at most.</summary>
    private const int HighlightedLength = 300_000;

    public async Task<SearchResults> Handle(SearchDocuments q, CancellationToken ct)
    {
        var query = SearchQueryText.Parse(q.Q)!; // the validator refused a query without searchable characters
        var page = Paging.Of(q.Page, Math.Min(q.PageSize, MaxPageSize));
        var literal = ChineseSearchText.Normalize(q.Q!.Trim());
        var parameters = ArchivesScope.Parameters(context, new
        {
            match = query.Match, rank = query.Rank, literal, categoryId = q.CategoryId, from = q.From, to = q.To,
            bodyPattern = string.IsNullOrWhiteSpace(q.Body) ? null : "%" + Paging.EscapeLike(q.Body.Trim()) + "%",
            volumeId = q.VolumeId, limit = page.Limit, offset = page.Offset,
        });
        // archives.volume_item comes with the volumes slice (M0030): named only when asked for, so the query runs without it.
        var volume = q.VolumeId is null ? "" : "and exists (select 1 from archives.volume_item vi where vi.volume_id = @volumeId and vi.document_id = d.id)";
        var filters = $"""
            {ArchivesScope.Visible("d")}
            and (@categoryId::uuid is null or d.category_id in (
                 with recursive tree as (select id from archives.category where id = @categoryId
                                         union all select k.id from archives.category k join tree on k.parent_id = tree.id)
                 select id from tree))
            and (@from::date is null or d.issued_on >= @from) and (@to::date is null or d.issued_on <= @to)
            and (@bodyPattern::text is null or d.issuing_body ilike @bodyPattern)
            {volume}
            """;
        parameters.Add("cap", CountCap + 1);
        parameters.Add("rankAllUpTo", RankAllUpTo);
        // Candidates: the title/number hits (small vectors) and, apart, up to CountCap hits anywhere; each big vector read is
        // a TOAST read of up to ~1 MB, so a common word must not read them all. Up to RankAllUpTo candidates are ranked on their
        // whole text (cover density, weights D C B A); beyond, on the title and number, then by date.
        var rows = await db.QueryAsync<SearchHit>($"""
            with candidates as (
                (select d.id from archives.document d where d.title_vector @@ @match::tsquery and {filters} limit @cap)
                union
                (select d.id from archives.document d where d.search_vector @@ @match::tsquery and {filters} limit @cap)),
            counted as (select count(*) as total from candidates),
            hits as (
                select d.id as document_id, d.title, d.doc_number, d.issued_on, d.issuing_body, c.name as category_name,
                       -- normalisation 32 maps a rank into [0, 1): a title/number hit (+1), and one as typed (+1), come first
                       case when (select total from counted) <= @rankAllUpTo
                            then ts_rank_cd(array[0.1, 0.2, 0.5, 1.0]::real[], d.search_vector, @rank::tsquery, 32)
                            else ts_rank_cd(array[0.1, 0.2, 0.5, 1.0]::real[], coalesce(d.title_vector, ''::tsvector), @rank::tsquery, 32) end
                         + case when d.title_vector @@ @match::tsquery then 1 else 0 end
                         + case when strpos(lower(d.title), @literal) > 0 or strpos(lower(coalesce(d.doc_number, '')), @literal) > 0 then 1 else 0 end as rank
                from candidates k join archives.document d on d.id = k.id join archives.category c on c.id = d.category_id)
            select *, (select total from counted) as total from hits order by rank desc, issued_on desc, document_id limit @limit offset @offset
            """, parameters, ct);
        if (rows.Count > 0) await HighlightAsync(rows, query, ct);
        var total = rows.Count > 0 ? rows[0].Total : 0;
        return new SearchResults(rows, Math.Min(total, CountCap), page.Page, page.PageSize, total > CountCap);
    }

    private async Task HighlightAsync(IReadOnlyList<SearchHit> rows, SearchQueryText query, CancellationToken ct)
    {
        var texts = (await db.QueryAsync<HighlightSource>($"""
            select d.id, d.summary, array(select coalesce(f.caption, '') || E'\n' || coalesce(left(f.extracted_text, {HighlightedLength}), '')
                                          from (select distinct on (f.file_name) f.file_name, f.caption, f.extracted_text from archives.document_file f
                                                where f.document_id = d.id and f.removed_at is null order by f.file_name, f.file_version desc) f
                                          order by f.file_name) as file_texts
            from archives.document d where d.id = any(@ids)
            """, new { ids = rows.Select(r => r.DocumentId).ToArray() }, ct)).ToDictionary(t => t.Id);
        foreach (var row in rows)
        {
            row.TitleHtml = SearchHighlights.Mark(row.Title, query.Terms);
            var source = texts[row.DocumentId];
            row.Snippets = SearchHighlights.Passages(source.FileTexts.Prepend(source.Summary), query.Terms);
        }
    }

    /// <summary>Beyond this many matches the total says "more than" and the order is by title hits and date: nobody reads 25
    /// pages of results; they narrow the query. Reading the vectors of every match of a common word would take seconds.</summary>
    public const int CountCap = 500;

    /// <summary>Up to this many matches, all are ranked on their whole text.</summary>
    public const int RankAllUpTo = 100;

    public const int MaxPageSize = 100; // the UI's largest page (PAGE_SIZES); each hit is highlighted
}

internal sealed class HighlightSource
{
    public Guid Id { get; init; }
    public string? Summary { get; init; }
    public string[] FileTexts { get; init; } = [];
}

internal sealed class SearchDocumentsValidator : IValidator<SearchDocuments>
{
    public const int MaxQueryLength = 100;

    public void Validate(SearchDocuments q, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(q.Q) || (q.Q.Length <= MaxQueryLength && SearchQueryText.Parse(q.Q) is null))
            errors.Add("q", "archives.search.query_empty");
        errors.MaxLength("q", q.Q, MaxQueryLength).MaxLength("body", q.Body, 100);
        if (q.From is { } from && q.To is { } to && from > to) errors.Add("to", "archives.search.dates_reversed");
    }
}

internal static class SearchDocumentsEndpoint
{
    public static void MapSearchDocuments(this IEndpointRouteBuilder api) =>
        api.MapGet("/search", ([AsParameters] SearchDocumentsQuery query, IMediator mediator, CancellationToken ct) => mediator.Send(query.ToRequest(), ct))
            .WithName("SearchDocuments").WithSummary("史料全文检索：中文分词与双字索引，按类别、日期、发文机关、汇编册筛选，标题与文号命中优先，高亮命中段落")
            .RequirePermission(ArchivesPermissions.Read);
}

internal sealed record SearchDocumentsQuery(string? Q, Guid? CategoryId, DateOnly? From, DateOnly? To, string? Body, Guid? VolumeId, int? Page, int? PageSize)
{
    public SearchDocuments ToRequest() => new(Q, CategoryId, From, To, Body, VolumeId, Page ?? 1, PageSize ?? 20);
}
