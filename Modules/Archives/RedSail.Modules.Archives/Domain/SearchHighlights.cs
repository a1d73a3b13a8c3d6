using System.Net;
using System.Text;

namespace RedSail.Modules.Archives.Domain;

/// <summary>
/// Marks a query's words in stored text, in the application (PostgreSQL's ts_headline knows nothing of Chinese words). A word
/// is found the way the index matches it: on the text's letters, digits and Han characters, normalised, ignoring punctuation
/// and spaces between them (张建国 is marked in "张建\n国", 2021〕12号 in "〔2021〕12号"). Output is HTML: the text is escaped and
/// only <c>&lt;mark&gt;</c> is added.
/// </summary>
internal static class SearchHighlights
{
    public const int PassageLength = 80;
    public const int MaxPassages = 3;

    /// <summary>The whole text with every hit marked.</summary>
    public static string Mark(string text, IReadOnlyList<string> terms) => Render(text, Hits(text, terms), 0, text.Length);

    /// <summary>Up to <see cref="MaxPassages"/> passages of about <see cref="PassageLength"/> characters around hits, the ones with
    /// the most different words first, shown in the order of the texts; none when no text holds a hit.</summary>
    public static IReadOnlyList<string> Passages(IEnumerable<string?> texts, IReadOnlyList<string> terms)
    {
        var candidates = new List<(int Text, int Start, int End, int Words, int HitCount)>();
        var sources = texts.Where(t => !string.IsNullOrEmpty(t)).Select(t => t!).ToList();
        var hitsOf = new List<IReadOnlyList<Hit>>();
        for (var t = 0; t < sources.Count; t++)
        {
            var text = sources[t];
            var hits = Hits(text, terms);
            hitsOf.Add(hits);
            foreach (var hit in hits)
            {
                var margin = Math.Max(0, (PassageLength - (hit.End - hit.Start)) / 2);
                var start = Math.Max(0, hit.Start - margin);
                var end = Math.Min(text.Length, Math.Max(hit.End, start + PassageLength));
                start = Math.Max(0, Math.Min(start, end - PassageLength));
                var inside = hits.Where(h => h.Start >= start && h.End <= end).ToList();
                candidates.Add((t, start, end, inside.Select(h => h.Term).Distinct().Count(), inside.Count));
            }
        }
        var chosen = new List<(int Text, int Start, int End, int Words, int HitCount)>();
        foreach (var candidate in candidates.OrderByDescending(c => c.Words).ThenByDescending(c => c.HitCount).ThenBy(c => c.Text).ThenBy(c => c.Start))
        {
            if (chosen.Count == MaxPassages) break;
            if (chosen.Any(c => c.Text == candidate.Text && c.Start < candidate.End && candidate.Start < c.End)) continue;
            chosen.Add(candidate);
        }
        return chosen.OrderBy(c => c.Text).ThenBy(c => c.Start).Select(c =>
        {
            var text = sources[c.Text];
            return (c.Start > 0 ? "…" : "") + Render(text, hitsOf[c.Text], c.Start, c.End) + (c.End < text.Length ? "…" : "");
        }).ToList();
    }

    private readonly record struct Hit(int Start, int End, int Term);

    /// <summary>Where the terms occur in <paramref name="text"/> (original indices), overlapping hits merged.</summary>
    private static IReadOnlyList<Hit> Hits(string text, IReadOnlyList<string> terms)
    {
        var (compact, starts, ends) = Compact(text);
        var hits = new List<Hit>();
        for (var term = 0; term < terms.Count; term++)
        {
            if (terms[term].Length == 0) continue;
            for (var at = compact.IndexOf(terms[term], StringComparison.Ordinal); at >= 0;
                 at = compact.IndexOf(terms[term], at + terms[term].Length, StringComparison.Ordinal))
                hits.Add(new Hit(starts[at], ends[at + terms[term].Length - 1], term));
        }
        var merged = new List<Hit>();
        foreach (var hit in hits.OrderBy(h => h.Start))
        {
            if (merged.Count > 0 && hit.Start < merged[^1].End)
            {
                if (hit.End > merged[^1].End) merged[^1] = merged[^1] with { End = hit.End };
                continue;
            }
            merged.Add(hit);
        }
        return merged;
    }

    /// <summary>The text's letters, digits and Han characters, normalised, with each one's span in the original text.</summary>
    private static (string Compact, int[] Starts, int[] Ends) Compact(string text)
    {
        var compact = new StringBuilder(text.Length);
        var starts = new List<int>(text.Length);
        var ends = new List<int>(text.Length);
        for (var i = 0; i < text.Length;)
        {
            var length = char.IsSurrogatePair(text, i) ? 2 : 1;
            var c = text[i];
            // Plain characters and the common ideographs need no normalisation; full-width and compatibility forms do (１２ → 12).
            if (c < 0x80 || (ChineseSearchText.IsHan(c) && c < '\uF900'))
            {
                if (char.IsLetterOrDigit(c)) Keep(char.ToLowerInvariant(c), i, length);
            }
            else
                foreach (var n in ChineseSearchText.Normalize(text.Substring(i, length)))
                    if (ChineseSearchText.IsHan(n) || ChineseSearchText.IsWordChar(n)) Keep(n, i, length);
            i += length;
        }
        return (compact.ToString(), starts.ToArray(), ends.ToArray());

        void Keep(char n, int start, int length)
        {
            compact.Append(n);
            starts.Add(start);
            ends.Add(start + length);
        }
    }

    private static string Render(string text, IReadOnlyList<Hit> hits, int start, int end)
    {
        var html = new StringBuilder();
        var at = start;
        foreach (var hit in hits.Where(h => h.End > start && h.Start < end))
        {
            var from = Math.Max(hit.Start, start);
            var to = Math.Min(hit.End, end);
            html.Append(WebUtility.HtmlEncode(text[at..from])).Append("<mark>").Append(WebUtility.HtmlEncode(text[from..to])).Append("</mark>");
            at = to;
        }
        return html.Append(WebUtility.HtmlEncode(text[at..end])).ToString();
    }
}
