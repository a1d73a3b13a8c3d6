using System.Text.RegularExpressions;
using NUnit.Framework;
using RedSail.Modules.Archives.Domain;

namespace RedSail.UnitTests;

/// <summary>Chinese text as search terms: the vector's lexemes and positions, the query's phrases, and the highlights.</summary>
public sealed class ArchivesSearchTextTests
{
    /// <summary>The vector's text form read back: lexeme → its positions with weights ("3A").</summary>
    private static Dictionary<string, string[]> Lexemes(SearchVectorBuilder builder) =>
        Regex.Matches(builder.ToVectorText() ?? "", @"'((?:[^']|'')*)':([0-9A-D,]+)")
            .ToDictionary(m => m.Groups[1].Value.Replace("''", "'"), m => m.Groups[2].Value.Split(','));

    private static int Position(string positionWithWeight) => int.Parse(positionWithWeight.TrimEnd('A', 'B', 'C', 'D'));

    [Test]
    public void Han_text_is_indexed_as_characters_bigrams_and_the_segmenters_longer_words()
    {
        var lexemes = Lexemes(new SearchVectorBuilder().Add("张建国同志", SearchWeight.C));
        Assert.That(lexemes.Keys, Is.SupersetOf(new[] { "张", "建", "国", "同", "志", "张建", "建国", "国同", "同志", "张建国" }));
        Assert.That(Position(lexemes["建国"][0]), Is.EqualTo(Position(lexemes["张建"][0]) + 1), "a bigram sits at its first character");
        Assert.That(lexemes["张建国"], Is.EqualTo(lexemes["张建"]), "a word sits at its first character");
        Assert.That(lexemes.Values.SelectMany(p => p), Is.All.EndsWith("C"));
    }

    [Test]
    public void Full_width_digits_are_normalised_and_punctuation_takes_no_position()
    {
        var lexemes = Lexemes(new SearchVectorBuilder().Add("院党发〔２０２１〕１２号", SearchWeight.A));
        Assert.That(lexemes.Keys, Is.SupersetOf(new[] { "院党", "党发", "2021", "12", "号" }));
        Assert.That(lexemes.Keys.Where(k => k.Any(c => "〔〕".Contains(c))), Is.Empty);
        Assert.That(Position(lexemes["2021"][0]), Is.EqualTo(Position(lexemes["党发"][0]) + 2));
        Assert.That(Position(lexemes["12"][0]), Is.EqualTo(Position(lexemes["2021"][0]) + 1));
        Assert.That(Position(lexemes["号"][0]), Is.EqualTo(Position(lexemes["12"][0]) + 1));
        Assert.That(lexemes["2021"][0], Does.EndWith("A"));
    }

    [Test]
    public void Latin_letters_and_digits_are_lower_cased_tokens_beside_the_chinese()
    {
        var lexemes = Lexemes(new SearchVectorBuilder().Add("ＰＤＦ文件Abc123，见附件！", SearchWeight.B));
        Assert.That(lexemes.Keys, Is.SupersetOf(new[] { "pdf", "文件", "abc123", "见附", "附件" }));
        Assert.That(lexemes.Keys, Has.None.Matches<string>(k => k!.Any(char.IsPunctuation) || k!.Any(char.IsUpper)));
    }

    [Test]
    public void Bigrams_join_characters_across_a_line_break_as_a_pdfs_text_breaks_sentences() =>
        Assert.That(Lexemes(new SearchVectorBuilder().Add("中国共产\n党", SearchWeight.C)).Keys, Does.Contain("产党"));

    [Test]
    public void Parts_are_weighted_and_kept_apart()
    {
        var lexemes = Lexemes(new SearchVectorBuilder().Add("党建", SearchWeight.A).Add("工作", SearchWeight.C));
        Assert.That(lexemes["党建"], Is.EqualTo(new[] { lexemes["党建"][0] }).And.All.EndsWith("A"));
        Assert.That(lexemes["工作"][0], Does.EndWith("C"));
        Assert.That(lexemes.Keys, Does.Not.Contain("建工"), "no bigram across two parts");
    }

    [Test]
    public void A_text_without_searchable_characters_has_no_vector() =>
        Assert.That(new SearchVectorBuilder().Add("——！？  ", SearchWeight.A).Add(null, SearchWeight.C).ToVectorText(), Is.Null);

    [Test]
    public void A_very_long_text_stops_at_the_vectors_budget_and_says_so()
    {
        var random = new Random(7);
        var text = new string(Enumerable.Range(0, 600_000).Select(_ => (char)random.Next(0x4E00, 0x9FA5)).ToArray());
        var builder = new SearchVectorBuilder().Add("标题", SearchWeight.A).Add(text, SearchWeight.C);
        Assert.That(builder.Truncated, Is.True);
        Assert.That(builder.EstimatedBytes, Is.LessThanOrEqualTo(SearchVectorBuilder.Budget));
        var lexemes = Lexemes(builder);
        Assert.That(lexemes.Keys, Does.Contain("标题"), "what comes first is kept");
        Assert.That(lexemes.Values.SelectMany(p => p).Select(Position).Max(), Is.LessThanOrEqualTo(16_383));
    }

    [TestCase("党", "'党'")]
    [TestCase("党建", "'党建'")]
    [TestCase("张建国", "'张建' <-> '建国'")]
    [TestCase("党建工作", "'党建' <-> '建工' <-> '工作'")]
    [TestCase("12号", "'12' <-> '号'")]
    [TestCase("〔2021〕12号", "'2021' <-> '12' <-> '号'")]
    [TestCase("院党发〔２０２１〕１２号", "'院党' <-> '党发' <2> '2021' <-> '12' <-> '号'")]
    [TestCase("PDF", "'pdf'")]
    public void A_query_word_becomes_a_phrase_of_its_tokens_at_their_distances(string query, string phrase) =>
        Assert.That(SearchQueryText.Parse(query)!.Match, Is.EqualTo($"({phrase})"));

    [Test]
    public void Words_separated_by_spaces_must_all_occur()
    {
        var query = SearchQueryText.Parse(" 张建国　党建  张建国 ")!;
        Assert.That(query.Match, Is.EqualTo("('张建' <-> '建国') & ('党建')"), "full-width space splits too; a repeated word counts once");
        Assert.That(query.Terms, Is.EqualTo(new[] { "张建国", "党建" }));
    }

    [Test]
    public void The_segmenters_words_of_the_query_only_raise_the_rank()
    {
        var query = SearchQueryText.Parse("张建国")!;
        Assert.That(query.Rank, Is.EqualTo("(('张建' <-> '建国')) | '张建国'"));
    }

    [TestCase("a & !b | c:*", "('a') & ('b') & ('c')")]
    [TestCase("'); drop table archives.document; --", "('drop') & ('table') & ('archives' <-> 'document')")]
    [TestCase("张'建\\国", "('张建' <-> '建国')")]
    [TestCase("<-> <2> !!党", "('2') & ('党')")]
    public void Query_syntax_in_the_input_is_punctuation_never_operators(string input, string match) =>
        Assert.That(SearchQueryText.Parse(input)!.Match, Is.EqualTo(match));

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("！？&|")]
    public void A_query_without_letters_digits_or_han_is_none(string input) => Assert.That(SearchQueryText.Parse(input), Is.Null);

    [Test]
    public void Hits_are_marked_and_everything_else_escaped() =>
        Assert.That(SearchHighlights.Mark("<b>关于张建国同志</b> & 张建\n国", ["张建国"]),
            Is.EqualTo("&lt;b&gt;关于<mark>张建国</mark>同志&lt;/b&gt; &amp; <mark>张建\n国</mark>"));

    [Test]
    public void A_document_number_is_marked_whatever_its_width_and_brackets() =>
        Assert.That(SearchHighlights.Mark("院党发〔２０２１〕１２号", SearchQueryText.Parse("2021〕12号")!.Terms),
            Is.EqualTo("院党发〔<mark>２０２１〕１２号</mark>"));

    [Test]
    public void Passages_surround_hits_prefer_more_words_and_are_at_most_three()
    {
        var filler = new string('文', 200);
        var text = filler + "张建国" + filler + "张建国与党建" + filler + "党建" + filler + "党建" + filler + "张建国" + filler;
        var passages = SearchHighlights.Passages([null, text], SearchQueryText.Parse("张建国 党建")!.Terms);
        Assert.That(passages, Has.Count.EqualTo(3));
        Assert.That(passages, Has.Some.Contains("<mark>张建国</mark>与<mark>党建</mark>"), "the passage with both words is chosen");
        Assert.That(passages, Is.All.StartWith("…").And.All.EndWith("…"));
        Assert.That(passages.Select(p => p.Replace("<mark>", "").Replace("</mark>", "").Trim('…').Length), Is.All.EqualTo(SearchHighlights.PassageLength));
    }

    [Test]
    public void No_hit_no_passage() => Assert.That(SearchHighlights.Passages(["没有相关内容"], ["张建国"]), Is.Empty);
}
