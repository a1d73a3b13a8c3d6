using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace RedSail.Testing;

/// <summary>Real files for the archive's tests, built in memory: a PDF and a Word document with Chinese text, a picture.</summary>
public static class ArchiveFiles
{
    /// <summary>
    /// A one-page PDF whose text is <paramref name="text"/> (Chinese included). PdfPig's builder can only write text in an
    /// embedded TrueType font, and the machine's CJK fonts are OpenType collections (.ttc) it cannot embed, so this PDF is
    /// written by hand: a Type0 font on the non-embedded Adobe-GB1 STSong-Light (viewers substitute it), each character
    /// one 2-byte code, and a ToUnicode CMap that maps the codes back to the characters, which is what text extraction reads.
    /// </summary>
    public static byte[] ChinesePdf(string text)
    {
        var characters = text.EnumerateRunes().Select(r => r.Value).ToArray();
        var codes = string.Concat(characters.Select((_, i) => (i + 1).ToString("X4")));
        var content = $"BT /F1 18 Tf 72 720 Td <{codes}> Tj ET";
        var map = new StringBuilder();
        map.Append("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n");
        map.Append("/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n");
        foreach (var chunk in characters.Select((c, i) => (c, i)).Chunk(100))
        {
            map.Append($"{chunk.Length} beginbfchar\n");
            foreach (var (c, i) in chunk) map.Append($"<{i + 1:X4}> <{Encoding.BigEndianUnicode.GetBytes(char.ConvertFromUtf32(c)).Aggregate("", (s, b) => s + b.ToString("X2"))}>\n");
            map.Append("endbfchar\n");
        }
        map.Append("endcmap CMapName currentdict /CMap defineresource pop end end");
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
            Stream(content),
            "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /DW 1000 /FontDescriptor 8 0 R >>",
            Stream(map.ToString()),
            "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(pdf.ToString()));
            pdf.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = Encoding.ASCII.GetByteCount(pdf.ToString());
        pdf.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) pdf.Append($"{offset:D10} 00000 n \n");
        pdf.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());

        static string Stream(string data) => $"<< /Length {Encoding.ASCII.GetByteCount(data)} >>\nstream\n{data}\nendstream";
    }

    /// <summary>A Word document with one paragraph per line of <paramref name="text"/>.</summary>
    public static byte[] Docx(string text)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(text.Split('\n').Select(line => new Paragraph(new Run(new Text(line) { Space = SpaceProcessingModeValues.Preserve })))));
            main.Document.Save();
        }
        return stream.ToArray();
    }

    /// <summary>A 1×1 PNG.</summary>
    public static byte[] Png() => Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
}
