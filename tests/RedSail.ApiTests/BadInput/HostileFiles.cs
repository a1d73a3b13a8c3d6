using System.IO.Compression;
using System.Text;
using RedSail.Testing;

namespace RedSail.ApiTests.BadInput;

/// <summary>The hostile uploads corpus.json names, built in memory (small on the wire, large or broken when opened).</summary>
internal static class HostileFiles
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> Made = new();

    /// <summary>The file, built once per generator (a zip bomb takes a second or two to deflate).</summary>
    public static byte[] Make(string generator) => Made.GetOrAdd(generator, Build);

    private static byte[] Build(string generator) => generator switch
    {
        "empty" => [],
        "garbage" => Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 251)).ToArray(),
        "executable" => [.. "MZ"u8, .. new byte[510]],
        "zip-bomb" => Zip(("xl/worksheets/sheet1.xml", 200)),
        "many-entries" => ManyEntries(20_000),
        "truncated-xlsx" => PeopleSheets.Xlsx([PeopleSheets.Row(1, "110105")])[..600],
        "docx" => ArchiveFiles.Docx("不是表格"),
        "pdf" => ArchiveFiles.ChinesePdf("不是表格"),
        "pdf-bomb" => PdfBomb(),
        _ => throw new ArgumentException($"corpus.json names an unknown file generator '{generator}'."),
    };

    /// <summary>A zip whose named entry is that many MB of zeros (deflated to about 1 KB per MB).</summary>
    private static byte[] Zip(params (string Name, int Megabytes)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, megabytes) in entries)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                var block = new byte[1024 * 1024];
                for (var i = 0; i < megabytes; i++) entry.Write(block);
            }
        return stream.ToArray();
    }

    private static byte[] ManyEntries(int count)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            for (var i = 0; i < count; i++) zip.CreateEntry($"xl/e{i}.xml", CompressionLevel.NoCompression);
        return stream.ToArray();
    }

    /// <summary>A one-page PDF whose content stream (FlateDecode) inflates to 1 GB of spaces: about 1 MB on the wire.</summary>
    public static byte[] PdfBomb()
    {
        using var deflated = new MemoryStream();
        using (var z = new ZLibStream(deflated, CompressionLevel.Optimal, leaveOpen: true))
        {
            var block = Enumerable.Repeat((byte)' ', 1024 * 1024).ToArray();
            for (var i = 0; i < 1024; i++) z.Write(block);
        }
        var head = Encoding.ASCII.GetBytes(
            "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n" +
            "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj\n" +
            $"4 0 obj << /Length {deflated.Length} /Filter /FlateDecode >>\nstream\n");
        var tail = Encoding.ASCII.GetBytes("\nendstream\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
        return [.. head, .. deflated.ToArray(), .. tail];
    }
}
