using NUnit.Framework;
using RedSail.Modules.Archives.Features.Volumes;

namespace RedSail.UnitTests;

/// <summary>How the volume reader cuts a document's text into pages (Features/Volumes/PageSplitter) and numbers them (ReaderLayout).</summary>
public sealed class ArchivesPageSplitterTests
{
    private static string Chars(char c, int count) => new(c, count);

    private static string[] Texts(IReadOnlyList<ReaderParagraph> page) => page.Select(p => p.Text).ToArray();

    [Test]
    public void No_text_is_one_empty_page_for_the_title_block()
    {
        Assert.That(PageSplitter.Split(null), Has.Count.EqualTo(1));
        Assert.That(PageSplitter.Split(" \n\u3000\u3000\n")[0], Is.Empty);
    }

    [Test]
    public void Paragraphs_lose_blank_lines_and_their_own_indent()
    {
        var pages = PageSplitter.Split("\u3000\u3000第一段。\r\n\r\n  第二段。\n", 100, 100);
        Assert.That(Texts(pages[0]), Is.EqualTo(new[] { "第一段。", "第二段。" }));
        Assert.That(pages[0].Any(p => p.Continued), Is.False);
    }

    [Test]
    public void A_paragraph_that_does_not_fit_the_little_room_left_starts_the_next_page()
    {
        // 90 of 100 used: 10 left is under a quarter of a page, so the 50-character paragraph moves whole.
        var pages = PageSplitter.Split(Chars('甲', 90) + "\n" + Chars('乙', 50), 100, 100);
        Assert.That(pages.Select(Texts), Is.EqualTo(new[] { new[] { Chars('甲', 90) }, new[] { Chars('乙', 50) } }));
    }

    [Test]
    public void A_paragraph_fills_a_half_empty_page_and_breaks_after_a_sentence()
    {
        // 50 left of 100: the next paragraph is cut after its last 。 within those 50 and goes on, unindented, on the next page.
        var second = Chars('乙', 39) + "。" + Chars('丙', 30) + "。";
        var pages = PageSplitter.Split(Chars('甲', 50) + "\n" + second, 100, 100);
        Assert.Multiple(() =>
        {
            Assert.That(pages, Has.Count.EqualTo(2));
            Assert.That(pages[0][1], Is.EqualTo(new ReaderParagraph(Chars('乙', 39) + "。", false)));
            Assert.That(pages[1][0], Is.EqualTo(new ReaderParagraph(Chars('丙', 30) + "。", true)));
        });
    }

    [Test]
    public void A_paragraph_without_sentence_ends_is_cut_at_the_limit_and_nothing_is_lost()
    {
        var text = Chars('党', 250);
        var pages = PageSplitter.Split(text, 60, 100);
        Assert.Multiple(() =>
        {
            Assert.That(pages.Select(p => p.Sum(x => x.Text.Length)), Is.EqualTo(new[] { 60, 100, 90 }));
            Assert.That(string.Concat(pages.SelectMany(p => p).Select(p => p.Text)), Is.EqualTo(text));
            Assert.That(pages.SelectMany(p => p).Select(p => p.Continued), Is.EqualTo(new[] { false, true, true }));
        });
    }

    [Test]
    public void A_character_outside_the_basic_plane_is_never_cut_in_half()
    {
        var text = Chars('甲', 9) + "𠀀" + Chars('乙', 5); // 𠀀 is two UTF-16 units, at positions 9 and 10
        var pages = PageSplitter.Split(text, 10, 100);
        Assert.That(pages[0][0].Text, Is.EqualTo(Chars('甲', 9)));
        Assert.That(pages[1][0].Text, Does.StartWith("𠀀"));
    }

    [Test]
    public void Every_page_holds_at_most_a_page_of_text()
    {
        var text = string.Join("\n", Enumerable.Range(0, 40).Select(i => Chars((char)('一' + i), 37 * (i % 9 + 1)) + "。"));
        var pages = PageSplitter.Split(text);
        Assert.That(pages[0].Sum(p => p.Text.Length), Is.LessThanOrEqualTo(PageSplitter.PageSize - PageSplitter.TitleBlockSize));
        Assert.That(pages.Max(p => p.Sum(x => x.Text.Length)), Is.LessThanOrEqualTo(PageSplitter.PageSize));
        Assert.That(string.Concat(pages.SelectMany(p => p).Select(p => (p.Continued ? "" : "\n") + p.Text)), Is.EqualTo("\n" + text));
    }

    [Test]
    public void The_layout_numbers_cover_contents_and_documents_and_the_contents_name_each_start_page()
    {
        var documents = Enumerable.Range(0, 20).Select(i => new LayoutDocument
        {
            DocumentId = Guid.NewGuid(), Title = $"文件{i}", IssuingBody = "党委", Summary = i == 3 ? Chars('文', 2500) : "摘要",
        }).ToList();
        var layout = new ReaderLayout(documents);
        Assert.Multiple(() =>
        {
            Assert.That(layout.TocPages, Is.EqualTo(2), "20 entries at 16 a page");
            Assert.That(layout.Toc[0].StartPage, Is.EqualTo(4));
            // the fourth document's 2,500 characters take 900 + 1,200 + 400: three pages
            Assert.That(layout.Toc[4].StartPage - layout.Toc[3].StartPage, Is.EqualTo(3));
            Assert.That(layout.TotalPages, Is.EqualTo(3 + 19 + 3));
            Assert.That(layout.Page(1).Kind, Is.EqualTo("cover"));
            Assert.That(layout.Page(3).TocEntries!.Select(t => t.Title), Is.EqualTo(new[] { "文件16", "文件17", "文件18", "文件19" }));
            foreach (var entry in layout.Toc)
                Assert.That(layout.Page(entry.StartPage).Document, Has.Property("DocumentId").EqualTo(entry.DocumentId).And.Property("PageOfDocument").EqualTo(1));
        });
    }

    [Test]
    public void An_empty_volume_is_its_cover_and_an_empty_contents_page() =>
        Assert.That(new ReaderLayout([]).TotalPages, Is.EqualTo(2));
}
