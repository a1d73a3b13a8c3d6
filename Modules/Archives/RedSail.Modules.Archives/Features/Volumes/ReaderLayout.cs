namespace RedSail.Modules.Archives.Features.Volumes;

/// <summary>A document of a volume as the reader lays it out (one the reader may see).</summary>
internal sealed class LayoutDocument
{
    public Guid DocumentId { get; init; }
    public string? SectionHeading { get; init; }
    public string Title { get; init; } = "";
    public string? DocNumber { get; init; }
    public DateOnly IssuedOn { get; init; }
    public string IssuingBody { get; init; } = "";
    public string? Summary { get; init; }
    /// <summary>The extracted text of its current files, in file-name order (null when none has text).</summary>
    public string? FilesText { get; init; }
}

/// <summary>A table-of-contents line: a document and the page it starts on.</summary>
internal sealed record TocEntry(Guid DocumentId, string Title, string? DocNumber, DateOnly IssuedOn, string? SectionHeading, int StartPage);

/// <summary>
/// A volume as an e-book: page 1 is the cover, then the table of contents (<see cref="TocEntriesPerPage"/> lines a page), then
/// each document from its title block on, its text in <see cref="PageSplitter"/>'s pages. Every reader gets the layout of the
/// documents they may see, so their page numbers and table of contents agree with what they read.
/// </summary>
internal sealed class ReaderLayout
{
    public const int TocEntriesPerPage = 16;

    private readonly List<(LayoutDocument Document, IReadOnlyList<IReadOnlyList<ReaderParagraph>> Pages, int StartPage)> _documents = [];

    public ReaderLayout(IReadOnlyList<LayoutDocument> documents)
    {
        TocPages = Math.Max(1, (documents.Count + TocEntriesPerPage - 1) / TocEntriesPerPage);
        var next = 2 + TocPages;
        foreach (var document in documents)
        {
            var pages = PageSplitter.Split(document.FilesText ?? document.Summary);
            _documents.Add((document, pages, next));
            next += pages.Count;
        }
        TotalPages = next - 1;
        Toc = _documents.Select(d => new TocEntry(d.Document.DocumentId, d.Document.Title, d.Document.DocNumber, d.Document.IssuedOn,
            d.Document.SectionHeading, d.StartPage)).ToList();
    }

    public int TocPages { get; }
    public int TotalPages { get; }
    public IReadOnlyList<TocEntry> Toc { get; }

    /// <summary>What page <paramref name="number"/> shows (1 … <see cref="TotalPages"/>).</summary>
    public ReaderPageContent Page(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, TotalPages);
        if (number == 1) return new ReaderPageContent(number, ReaderPageKinds.Cover, null, null, []);
        if (number <= 1 + TocPages)
            return new ReaderPageContent(number, ReaderPageKinds.Toc, Toc.Skip((number - 2) * TocEntriesPerPage).Take(TocEntriesPerPage).ToList(), null, []);
        var (document, pages, start) = _documents.Last(d => d.StartPage <= number);
        var index = number - start;
        var d = document;
        return new ReaderPageContent(number, ReaderPageKinds.Document, null,
            new ReaderDocumentPart(d.DocumentId, d.Title, d.DocNumber, d.IssuedOn, d.IssuingBody, d.SectionHeading, index + 1, pages.Count),
            pages[index]);
    }
}

internal static class ReaderPageKinds
{
    public const string Cover = "cover";
    public const string Toc = "toc";
    public const string Document = "document";
}

/// <summary>One page: the cover, a page of the table of contents, or a page of a document (its title block on its first page).</summary>
internal sealed record ReaderPageContent(int Number, string Kind, IReadOnlyList<TocEntry>? TocEntries, ReaderDocumentPart? Document,
    IReadOnlyList<ReaderParagraph> Paragraphs);

/// <summary>Which document a page belongs to, and which of its pages it is (<see cref="PageOfDocument"/> 1 carries the title block).</summary>
internal sealed record ReaderDocumentPart(Guid DocumentId, string Title, string? DocNumber, DateOnly IssuedOn, string IssuingBody, string? SectionHeading,
    int PageOfDocument, int PagesOfDocument);
