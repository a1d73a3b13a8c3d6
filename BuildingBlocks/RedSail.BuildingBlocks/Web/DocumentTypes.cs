using System.IO.Compression;

namespace RedSail.BuildingBlocks.Web;

/// <summary>
/// What an uploaded attachment is, told by its own first bytes, never by the browser's claim: PDF, PNG, JPEG, or a Word or
/// Excel file (a zip holding their main part). Anything else — executables, archives, scripts — is null, for the caller to refuse.
/// </summary>
public static class DocumentTypes
{
    public const string Pdf = "application/pdf";
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> JpegSignature => [0xFF, 0xD8, 0xFF];
    private static ReadOnlySpan<byte> ZipSignature => [0x50, 0x4B, 0x03, 0x04];

    /// <summary>
    /// The content type, or null. A zip is Word or Excel by the main part it holds; one that cannot be read as a zip counts
    /// by <paramref name="fileName"/>'s extension (.docx, .xlsx) when a name is given, and is refused without one.
    /// </summary>
    public static string? Detect(byte[] content, string? fileName = null)
    {
        var bytes = content.AsSpan();
        if (bytes.StartsWith("%PDF-"u8)) return Pdf;
        if (bytes.StartsWith(PngSignature)) return Png;
        if (bytes.StartsWith(JpegSignature)) return Jpeg;
        if (!bytes.StartsWith(ZipSignature)) return null;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            return zip.GetEntry("word/document.xml") is not null ? Docx : zip.GetEntry("xl/workbook.xml") is not null ? Xlsx : null;
        }
        catch (InvalidDataException)
        {
            return Path.GetExtension(fileName ?? "").ToLowerInvariant() switch { ".docx" => Docx, ".xlsx" => Xlsx, _ => null };
        }
    }
}
