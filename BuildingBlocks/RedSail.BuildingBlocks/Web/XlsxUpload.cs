using RedSail.BuildingBlocks.Errors;

namespace RedSail.BuildingBlocks.Web;

/// <summary>How big an uploaded workbook may be: the file, its uncompressed content, and the entries of its zip.</summary>
public sealed record XlsxLimits(int MaxBytes, long MaxUncompressedBytes, int MaxEntries);

/// <summary>
/// The checks on an uploaded xlsx before anything parses it (SECURITY.md, uploads): size, content sniffing (a zip
/// signature and the workbook part, not the file name), entry count and total uncompressed size (<see cref="ZipInflation"/>, shared with
/// every OOXML upload). A refusal is a 400 problem that names the limit.
/// </summary>
public static class XlsxUpload
{
    public static void EnsureSafe(byte[] content, XlsxLimits limits)
    {
        if (content.Length == 0) throw Rejected("import_file_empty", "import.file_empty");
        if (content.Length > limits.MaxBytes) throw Rejected("import_file_too_large", "import.file_too_large", limits.MaxBytes / 1024 / 1024);
        switch (ZipInflation.Check(content, new ZipLimits(limits.MaxUncompressedBytes, limits.MaxEntries)))
        {
            case ZipVerdict.NotZip: throw NotXlsx();
            case ZipVerdict.TooManyEntries: throw Rejected("import_file_zip_bomb", "import.file_too_many_entries", limits.MaxEntries);
            case ZipVerdict.TooLarge: throw ZipBomb(limits);
        }
        if (DocumentTypes.Detect(content) != DocumentTypes.Xlsx) throw NotXlsx();
    }

    public static AppException Rejected(string code, string messageKey, params object[] args) => new(400, code, messageKey, args);

    private static AppException NotXlsx() => Rejected("import_file_not_xlsx", "import.file_not_xlsx");

    private static AppException ZipBomb(XlsxLimits limits) =>
        Rejected("import_file_zip_bomb", "import.file_uncompressed_too_large", limits.MaxUncompressedBytes / 1024 / 1024);
}
