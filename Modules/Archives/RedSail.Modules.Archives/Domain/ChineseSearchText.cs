using System.Globalization;
using System.Text;

namespace RedSail.Modules.Archives.Domain;

/// <summary>
/// How Chinese text becomes PostgreSQL search terms (docs/adr/0016-chinese-search.md). Text is normalised (NFKC: full-width
/// digits and letters become ASCII; lower case) and read as a stream of tokens: every Han character is one token, every run
/// of other letters and digits is one token (a document number 院党发〔2021〕12号 reads 院 党 发 2021 12 号); punctuation and
/// spaces are no tokens and take no position. A document indexes each Han character (so one-character queries work), each
/// pair of consecutive Han characters (the bigram, the unit of matching), the segmenter's words of three or more characters
/// (names and places such as 张建国, 北京市: they rank a whole-word hit higher) and each letter/digit token, all at their
/// token positions. A query is the same stream turned into phrases (<see cref="SearchQueryText"/>): so 党建 matches exactly
/// the documents holding 党 next to 建, and 张建国 the ones with 张建 directly followed by 建国 — never scattered characters.
/// </summary>
internal static class ChineseSearchText
{
    /// <summary>The Unified Ideographs (basic block, extension A, compatibility): the characters read one token each.</summary>
    public static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF';

    /// <summary>Letters and digits other than Han: they form multi-character tokens (2021, 12, pdf).</summary>
    public static bool IsWordChar(char c) => !IsHan(c) && char.IsLetterOrDigit(c);

    public static string Normalize(string text) => text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();

    /// <summary>One token of normalised text: a Han character or a letter/digit run, with where it starts in that text.</summary>
    public readonly record struct Token(string Text, bool Han, int Start);

    public static IEnumerable<Token> Tokens(string normalized)
    {
        for (var i = 0; i < normalized.Length;)
        {
            var c = normalized[i];
            if (IsHan(c))
            {
                yield return new Token(c.ToString(), true, i);
                i++;
            }
            else if (IsWordChar(c))
            {
                var start = i;
                while (i < normalized.Length && IsWordChar(normalized[i])) i++;
                // Over-long runs (a base64 blob in a text) are cut: a lexeme is at most 2 KB in PostgreSQL.
                yield return new Token(normalized.Substring(start, Math.Min(i - start, MaxTokenLength)), false, start);
            }
            else i++;
        }
    }

    public const int MaxTokenLength = 64;
}

/// <summary>The weight of a part of a document in the vector: A title and number, B keywords and body, C summary and files' text.</summary>
internal enum SearchWeight { A, B, C }

/// <summary>
/// Builds one document's <c>tsvector</c> (as its text form, cast by the database) from its parts in weight order. PostgreSQL
/// bounds a vector: positions above 16,383 are clamped (they wrap here instead, so that phrases far into a long text still
/// find their neighbours), a lexeme keeps at most 256 positions, and the whole vector must stay under 1 MB. The builder counts
/// the vector's bytes as PostgreSQL will store them and stops at <see cref="Budget"/>: text beyond that point of a very long
/// document (roughly its first 150,000–300,000 characters are kept, depending on the variety of its words) is not indexed;
/// <see cref="Truncated"/> says so.
/// </summary>
internal sealed class SearchVectorBuilder
{
    public const int Budget = 900_000;
    private const int MaxPositions = 256;
    private const int MaxPosition = 16_383;
    /// <summary>At most this many characters of one part are read (the vector is full long before).</summary>
    public const int MaxPartLength = 1_000_000;

    private readonly Dictionary<string, List<(int Position, SearchWeight Weight)>> _lexemes = new(StringComparer.Ordinal);
    private int _next;
    private long _bytes = 8;

    public bool Truncated { get; private set; }
    public long EstimatedBytes => _bytes;

    /// <param name="words">Whether the segmenter's words are added too: for metadata and summaries, not for the files' bulk text,
    /// where segmentation would cost most of the indexing time (~15 ms per 10 KB) and matching never depends on it.</param>
    public SearchVectorBuilder Add(string? text, SearchWeight weight, bool words = true)
    {
        if (string.IsNullOrWhiteSpace(text) || Truncated) return this;
        var normalized = ChineseSearchText.Normalize(text.Length > MaxPartLength ? text[..MaxPartLength] : text);
        // A gap between parts: a phrase never joins the end of the title to the start of the number.
        _next += 2;
        var positionAt = new Dictionary<int, int>();
        ChineseSearchText.Token? previous = null;
        var previousPosition = 0;
        foreach (var token in ChineseSearchText.Tokens(normalized))
        {
            var position = ++_next;
            if (token.Han)
            {
                positionAt[token.Start] = position;
                if (!Put(token.Text, position, weight)) return this;
                // The bigram sits at its first character's position; consecutive Han tokens pair up across punctuation and
                // line breaks (a PDF's line end falls anywhere in a sentence), exactly as the query pairs them.
                if (previous is { Han: true } p && !Put(p.Text + token.Text, previousPosition, weight)) return this;
            }
            else if (!Put(token.Text, position, weight)) return this;
            previous = token;
            previousPosition = position;
        }
        if (!words) return this;
        foreach (var (word, start) in ChineseSegmenter.Words(normalized))
            if (word.Length >= 3 && word.All(ChineseSearchText.IsHan) && positionAt.TryGetValue(start, out var at) && !Put(word, at, weight))
                return this;
        return this;
    }

    private bool Put(string lexeme, int position, SearchWeight weight)
    {
        var stored = (position - 1) % MaxPosition + 1;
        if (!_lexemes.TryGetValue(lexeme, out var positions))
        {
            // entry header 4 + the lexeme's bytes + alignment (≤ 1) + position count 2
            var entry = 7 + Encoding.UTF8.GetByteCount(lexeme);
            if (_bytes + entry + 2 > Budget) return Stop();
            _lexemes[lexeme] = positions = [];
            _bytes += entry;
        }
        if (positions.Count >= MaxPositions) return true;
        if (_bytes + 2 > Budget) return Stop();
        positions.Add((stored, weight));
        _bytes += 2;
        return true;
    }

    private bool Stop()
    {
        Truncated = true;
        return false;
    }

    /// <summary>The vector in PostgreSQL's input syntax, e.g. <c>'党建':3A '党':3A,9C</c>; null when the document has no text.</summary>
    public string? ToVectorText()
    {
        if (_lexemes.Count == 0) return null;
        var text = new StringBuilder((int)Math.Min(_bytes * 2, int.MaxValue / 2));
        foreach (var (lexeme, positions) in _lexemes)
        {
            if (text.Length > 0) text.Append(' ');
            text.Append('\'').Append(lexeme.Replace("\\", "\\\\").Replace("'", "''")).Append("':");
            for (var i = 0; i < positions.Count; i++)
            {
                if (i > 0) text.Append(',');
                text.Append(positions[i].Position.ToString(CultureInfo.InvariantCulture)).Append((char)('A' + (int)positions[i].Weight));
            }
        }
        return text.ToString();
    }
}
