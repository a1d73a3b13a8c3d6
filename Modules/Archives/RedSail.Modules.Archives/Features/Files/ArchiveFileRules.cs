namespace RedSail.Modules.Archives.Features.Files;

/// <summary>
/// What the archive accepts as a file: PDF, DOCX, XLSX (50 MB) and PNG, JPEG (10 MB), the type told by the file's own bytes
/// (<see cref="DocumentTypes"/>), never by its name. An executable renamed to .pdf, any other type, and a Word or Excel file
/// that inflates too far (a zip bomb, <see cref="ZipInflation"/>), and a PDF whose streams do (<see cref="PdfInflation"/>) are refused with a 400 that names the reason.
/// </summary>
internal static class ArchiveFileRules
{
    public const int MaxDocumentBytes = 50 * 1024 * 1024;
    public const int MaxImageBytes = 10 * 1024 * 1024;
    /// <summary>The largest request an upload may be (a document at the limit plus the form around it).</summary>
    public const long MaxRequestBytes = MaxDocumentBytes + 256 * 1024;

    /// <summary>An OOXML file may inflate to 512 MB and 200 times its size, with at most 10,000 parts.</summary>
    public static readonly ZipLimits OoxmlLimits = new(512L * 1024 * 1024, 10_000, MaxRatio: 200);

    /// <summary>The content type, or the refusal (nothing is stored when it throws).</summary>
    public static string Check(string fileName, byte[] content)
    {
        if (content.Length == 0) throw Refused("archives_file_empty", "archives.documents.file_empty", fileName);
        if (LooksExecutable(content)) throw Refused("archives_file_executable", "archives.documents.file_executable", fileName);
        var type = DocumentTypes.Detect(content, fileName)
                   ?? throw Refused("archives_file_type", "archives.documents.file_type", fileName);
        var limit = type is DocumentTypes.Png or DocumentTypes.Jpeg ? MaxImageBytes : MaxDocumentBytes;
        if (content.Length > limit) throw Refused("archives_file_too_large", "archives.documents.file_too_large", fileName, limit / 1024 / 1024);
        if (type is DocumentTypes.Docx or DocumentTypes.Xlsx && ZipInflation.Check(content, OoxmlLimits) != ZipVerdict.Safe)
            throw Refused("archives_file_zip_bomb", "archives.documents.file_zip_bomb", fileName);
        // A PDF's streams inflate when its text is extracted: the same 512 MB total as OOXML, no ratio (a scanned white page
        // compresses thousands of times; a PDF bomb is 1 MB → 1 GB).
        if (type is DocumentTypes.Pdf && !PdfInflation.IsSafe(content, OoxmlLimits.MaxUncompressedBytes))
            throw Refused("archives_file_zip_bomb", "archives.documents.file_zip_bomb", fileName);
        return type;
    }

    /// <summary>Windows (MZ) and Linux (ELF) executables, whatever their name says.</summary>
    private static bool LooksExecutable(byte[] content) => content.AsSpan().StartsWith("MZ"u8) || content.AsSpan().StartsWith("\u007fELF"u8);

    public static bool IsImage(string contentType) => contentType is DocumentTypes.Png or DocumentTypes.Jpeg;

    private static AppException Refused(string code, string messageKey, params object[] args) => new(400, code, messageKey, args);
}
