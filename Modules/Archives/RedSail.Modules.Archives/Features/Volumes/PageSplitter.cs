namespace RedSail.Modules.Archives.Features.Volumes;

/// <summary>
/// A paragraph, or the part of one, on a reader page. <see cref="Continued"/>: it goes on from the previous page (no first-line
/// indent, 首行缩进 only where a paragraph starts).
/// </summary>
internal sealed record ReaderParagraph(string Text, bool Continued);

/// <summary>
/// Splits a document's text into the reader's fixed-size pages, computed on the server so that the table of contents can name
/// the page each document starts on. A page holds about <see cref="PageSize"/> characters (a printed page of Chinese text);
/// pages break between paragraphs where they can, and a paragraph is split only when it would leave much of a page empty or
/// does not fit on one — then after a sentence's end (。！？；) near the limit, or at the limit when there is none.
/// </summary>
internal static class PageSplitter
{
    public const int PageSize = 1200;

    /// <summary>What the title block (title, 文号, date, issuing body) takes of a document's first page.</summary>
    public const int TitleBlockSize = 300;

    private const string SentenceEnds = "。！？；!?;”」』）";

    /// <summary>The pages of <paramref name="text"/>; at least one (empty when there is no text: the title block alone).</summary>
    public static IReadOnlyList<IReadOnlyList<ReaderParagraph>> Split(string? text, int firstPageCapacity = PageSize - TitleBlockSize,
        int pageCapacity = PageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(firstPageCapacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageCapacity, 1);
        var pages = new List<IReadOnlyList<ReaderParagraph>>();
        var current = new List<ReaderParagraph>();
        var remaining = firstPageCapacity;
        foreach (var paragraph in Paragraphs(text))
        {
            var rest = paragraph;
            var continued = false;
            while (rest.Length > 0)
            {
                if (rest.Length <= remaining)
                {
                    current.Add(new ReaderParagraph(rest, continued));
                    remaining -= rest.Length;
                    break;
                }
                // Little room left: the paragraph starts on the next page rather than a few characters of it here.
                if (current.Count > 0 && remaining < pageCapacity / 4)
                {
                    NewPage();
                    continue;
                }
                var cut = BreakAt(rest, remaining);
                current.Add(new ReaderParagraph(rest[..cut], continued));
                rest = rest[cut..];
                continued = true;
                NewPage();
            }
        }
        pages.Add(current);
        return pages;

        void NewPage()
        {
            pages.Add(current);
            current = [];
            remaining = pageCapacity;
        }
    }

    /// <summary>The paragraphs of a text: its non-blank lines, without the indent a source may carry (the reader indents).</summary>
    public static IEnumerable<string> Paragraphs(string? text) =>
        (text ?? "").ReplaceLineEndings("\n").Split('\n')
            .Select(line => line.Trim().Trim('\u3000').Trim())
            .Where(line => line.Length > 0);

    /// <summary>Where to cut a paragraph longer than <paramref name="room"/>: after the last sentence end in its last third, else at the limit.</summary>
    private static int BreakAt(string paragraph, int room)
    {
        for (var i = room; i > room * 2 / 3 && i > 0; i--)
            if (SentenceEnds.Contains(paragraph[i - 1])) return i;
        // never between the two halves of a character outside the BMP
        return room > 1 && char.IsHighSurrogate(paragraph[room - 1]) ? room - 1 : room;
    }
}
