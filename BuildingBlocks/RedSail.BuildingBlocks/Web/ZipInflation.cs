using System.IO.Compression;

namespace RedSail.BuildingBlocks.Web;

/// <summary>How far an uploaded zip (an OOXML file: xlsx, docx) may inflate: entry count, total uncompressed size, and
/// optionally the ratio of uncompressed to compressed size (a zip bomb inflates hundreds or thousands of times).</summary>
public sealed record ZipLimits(long MaxUncompressedBytes, int MaxEntries, int? MaxRatio = null);

/// <summary>What <see cref="ZipInflation.Check"/> found; each caller names the refusal in its own words.</summary>
public enum ZipVerdict
{
    Safe,
    NotZip,
    TooManyEntries,
    TooLarge,
}

/// <summary>
/// The zip-bomb check for any OOXML upload, done before anything parses the file: the entry count, and the uncompressed
/// size counted while actually inflating (the sizes a zip declares can lie), against the total and the ratio limits.
/// </summary>
public static class ZipInflation
{
    public static ZipVerdict Check(byte[] content, ZipLimits limits)
    {
        if (!content.AsSpan().StartsWith("PK\u0003\u0004"u8)) return ZipVerdict.NotZip;
        var maxBytes = limits.MaxRatio is { } ratio ? Math.Min(limits.MaxUncompressedBytes, (long)content.Length * ratio) : limits.MaxUncompressedBytes;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > limits.MaxEntries) return ZipVerdict.TooManyEntries;
            if (zip.Entries.Sum(e => e.Length) > maxBytes) return ZipVerdict.TooLarge;
            var buffer = new byte[81_920];
            long inflated = 0;
            foreach (var entry in zip.Entries)
            {
                using var stream = entry.Open();
                int read;
                while ((read = stream.Read(buffer)) > 0)
                    if ((inflated += read) > maxBytes) return ZipVerdict.TooLarge;
            }
            return ZipVerdict.Safe;
        }
        catch (InvalidDataException)
        {
            return ZipVerdict.NotZip;
        }
    }
}
