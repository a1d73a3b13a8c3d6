using System.IO.Compression;
using RedSail.BuildingBlocks.Errors;

namespace RedSail.BuildingBlocks.Web;

/// <summary>How big an uploaded workbook may be: the file, its uncompressed content, and the entries of its zip.</summary>
public sealed record XlsxLimits(int MaxBytes, long MaxUncompressedBytes, int MaxEntries);

/// <summary>
/// The checks on an uploaded xlsx before anything parses it (SECURITY.md, uploads): size, content sniffing (a zip
/// signature and the workbook part, not the file name), entry count and total uncompressed size, counted while actually
/// inflating, because the sizes a zip declares can lie. A refusal is a 400 problem that names the limit.
/// </summary>
public static class XlsxUpload
{
    public static void EnsureSafe(byte[] content, XlsxLimits limits)
    {
        if (content.Length == 0) throw Rejected("import_file_empty", "import.file_empty");
        if (content.Length > limits.MaxBytes) throw Rejected("import_file_too_large", "import.file_too_large", limits.MaxBytes / 1024 / 1024);
        if (!content.AsSpan().StartsWith("PK\u0003\u0004"u8)) throw NotXlsx();
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > limits.MaxEntries) throw Rejected("import_file_zip_bomb", "import.file_too_many_entries", limits.MaxEntries);
            if (zip.Entries.Sum(e => e.Length) > limits.MaxUncompressedBytes) throw ZipBomb(limits);
            if (zip.GetEntry("xl/workbook.xml") is null) throw NotXlsx();
            var buffer = new byte[81_920];
            long inflated = 0;
            foreach (var entry in zip.Entries)
            {
                using var stream = entry.Open();
                int read;
                while ((read = stream.Read(buffer)) > 0)
                    if ((inflated += read) > limits.MaxUncompressedBytes) throw ZipBomb(limits);
            }
        }
        catch (InvalidDataException)
        {
            throw NotXlsx();
        }
    }

    public static AppException Rejected(string code, string messageKey, params object[] args) => new(400, code, messageKey, args);

    private static AppException NotXlsx() => Rejected("import_file_not_xlsx", "import.file_not_xlsx");

    private static AppException ZipBomb(XlsxLimits limits) =>
        Rejected("import_file_zip_bomb", "import.file_uncompressed_too_large", limits.MaxUncompressedBytes / 1024 / 1024);
}
