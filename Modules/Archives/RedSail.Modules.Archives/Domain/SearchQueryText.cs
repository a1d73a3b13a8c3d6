using System.Text;

namespace RedSail.Modules.Archives.Domain;

/// <summary>
/// What a user typed, as the database's search conditions. Words separated by spaces must all occur (AND); within a word the
/// tokens must occur in order (a phrase): Han characters as their bigrams (a lone character as itself), letters and digits
/// as tokens, each at its distance from the previous one — 2021〕12号 becomes <c>'2021' &lt;-&gt; '12' &lt;-&gt; '号'</c>, 张建国 becomes
/// <c>'张建' &lt;-&gt; '建国'</c>. Nothing the user typed becomes tsquery syntax: every lexeme is built from letters, digits and Han
/// characters only and quoted (operators such as <c>&amp; ! | :*</c> are punctuation, dropped like in the documents), and the
/// text is handed to the database as a parameter cast to <c>tsquery</c> (no <c>to_tsquery</c> parsing of user text).
/// </summary>
/// <param name="Match">The condition a document must meet.</param>
/// <param name="Rank">The condition ranked by: <see cref="Match"/> or any of the segmenter's words of the query, so that a
/// document holding 张建国 as a name ranks above one where the characters only happen to meet (主张建国家…).</param>
/// <param name="Terms">Each word of the query as compact text (letters, digits and Han only): what the highlighter marks.</param>
internal sealed record SearchQueryText(string Match, string Rank, IReadOnlyList<string> Terms)
{
    public static SearchQueryText? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var normalized = ChineseSearchText.Normalize(text);
        var phrases = new List<string>();
        var terms = new List<string>();
        var words = new List<string>();
        foreach (var word in normalized.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var tokens = ChineseSearchText.Tokens(word).ToList();
            if (tokens.Count == 0) continue;
            var phrase = Phrase(tokens);
            if (phrases.Contains(phrase)) continue;
            phrases.Add(phrase);
            terms.Add(string.Concat(tokens.Select(t => t.Text)));
            var han = string.Concat(tokens.Where(t => t.Han).Select(t => t.Text));
            if (han.Length >= 3)
                words.AddRange(ChineseSegmenter.Words(han).Select(w => w.Word).Where(w => w.Length >= 3 && w.All(ChineseSearchText.IsHan)));
        }
        if (phrases.Count == 0) return null;
        var match = string.Join(" & ", phrases.Select(p => $"({p})"));
        var rank = words.Count == 0 ? match : $"({match}) | " + string.Join(" | ", words.Distinct().Select(Quote));
        return new SearchQueryText(match, rank, terms);
    }

    /// <summary>One word's tokens as a phrase of lexemes at their token distances (the same positions the documents use).</summary>
    private static string Phrase(IReadOnlyList<ChineseSearchText.Token> tokens)
    {
        var elements = new List<(string Lexeme, int Position)>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var nextIsHan = i + 1 < tokens.Count && tokens[i + 1].Han;
            var previousIsHan = i > 0 && tokens[i - 1].Han;
            if (!token.Han) elements.Add((token.Text, i));
            else if (nextIsHan) elements.Add((token.Text + tokens[i + 1].Text, i));
            // the last character of a Han run is inside the previous bigram; a lone character stands for itself
            else if (!previousIsHan) elements.Add((token.Text, i));
        }
        var phrase = new StringBuilder(Quote(elements[0].Lexeme));
        for (var i = 1; i < elements.Count; i++)
        {
            var distance = elements[i].Position - elements[i - 1].Position;
            phrase.Append(distance == 1 ? " <-> " : $" <{distance}> ").Append(Quote(elements[i].Lexeme));
        }
        return phrase.ToString();
    }

    private static string Quote(string lexeme) => "'" + lexeme.Replace("\\", "\\\\").Replace("'", "''") + "'";
}
