using System.IO.Compression;

namespace RedSail.Modules.Personnel.Features.People;

/// <summary>
/// The checks on an uploaded xlsx before anything parses it (SECURITY.md, uploads): size, content sniffing (a zip
/// signature, not the file name), entry count and total uncompressed size, counted while actually inflating, because
/// the sizes a zip declares can lie. A refusal is a 400 problem that names the limit.
/// </summary>
internal static class ImportFile
{
    // 100,000 fully filled rows compress to about 11 MB; the limit leaves room for that and refuses more.
    public const int MaxBytes = 24 * 1024 * 1024;
    public const int MaxRows = 100_000;
    public const long MaxUncompressedBytes = 100L * 1024 * 1024;
    public const int MaxEntries = 1_000;

    public static void EnsureSafeXlsx(byte[] content)
    {
        if (content.Length == 0) throw Rejected("import_file_empty", "import.file_empty");
        if (content.Length > MaxBytes) throw Rejected("import_file_too_large", "import.file_too_large", MaxBytes / 1024 / 1024);
        if (content.Length < 4 || content[0] != 'P' || content[1] != 'K' || content[2] != 3 || content[3] != 4)
            throw Rejected("import_file_not_xlsx", "import.file_not_xlsx");
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxEntries) throw Rejected("import_file_zip_bomb", "import.file_too_many_entries", MaxEntries);
            if (zip.Entries.Sum(e => e.Length) > MaxUncompressedBytes) throw ZipBomb();
            if (zip.GetEntry("xl/workbook.xml") is null) throw Rejected("import_file_not_xlsx", "import.file_not_xlsx");
            var buffer = new byte[81_920];
            long inflated = 0;
            foreach (var entry in zip.Entries)
            {
                using var stream = entry.Open();
                int read;
                while ((read = stream.Read(buffer)) > 0)
                    if ((inflated += read) > MaxUncompressedBytes) throw ZipBomb();
            }
        }
        catch (InvalidDataException)
        {
            throw Rejected("import_file_not_xlsx", "import.file_not_xlsx");
        }
    }

    public static AppException TooManyRows() => Rejected("import_too_many_rows", "import.too_many_rows", MaxRows);

    public static AppException Rejected(string code, string messageKey, params object[] args) => new(400, code, messageKey, args);

    private static AppException ZipBomb() => Rejected("import_file_zip_bomb", "import.file_uncompressed_too_large", MaxUncompressedBytes / 1024 / 1024);
}
