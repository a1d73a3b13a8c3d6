using System.IO.Compression;
using System.Text;

namespace RedSail.BuildingBlocks.Web;

/// <summary>
/// The PDF-bomb check for an uploaded PDF, done before anything parses it (text extraction inflates every content stream):
/// each FlateDecode stream is inflated while counting, and the total may not pass <paramref name="maxBytes"/>. A PDF of 1 MB
/// whose page inflates to 1 GB is refused; ordinary PDFs inflate to a few times their size.
/// </summary>
public static class PdfInflation
{
    public static bool IsSafe(byte[] content, long maxBytes)
    {
        var text = Encoding.Latin1.GetString(content); // one char per byte: offsets in the string are offsets in the file
        var buffer = new byte[81_920];
        long inflated = 0;
        for (var at = text.IndexOf("stream", StringComparison.Ordinal); at >= 0; at = text.IndexOf("stream", at + 6, StringComparison.Ordinal))
        {
            if (at >= 3 && text.AsSpan(at - 3, 3).SequenceEqual("end")) continue;
            var dictionary = text.LastIndexOf("<<", at, StringComparison.Ordinal);
            if (dictionary < 0 || !text.AsSpan(dictionary, at - dictionary).Contains("/FlateDecode", StringComparison.Ordinal)) continue;
            var start = at + 6;
            if (start < text.Length && text[start] == '\r') start++;
            if (start < text.Length && text[start] == '\n') start++;
            try
            {
                using var stream = new ZLibStream(new MemoryStream(content, start, content.Length - start, writable: false), CompressionMode.Decompress);
                int read;
                while ((read = stream.Read(buffer)) > 0)
                    if ((inflated += read) > maxBytes) return false;
            }
            catch (InvalidDataException)
            {
                // a damaged stream inflates no further; the reader copes with it (or refuses it) later
            }
        }
        return true;
    }
}
