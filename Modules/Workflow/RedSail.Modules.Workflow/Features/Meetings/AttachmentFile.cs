using System.IO.Compression;

namespace RedSail.Modules.Workflow.Features.Meetings;

/// <summary>
/// What a meeting may carry as an attachment: PDF, Word (docx), Excel (xlsx), PNG or JPEG up to 20 MB, the type told by the
/// file's own first bytes (never by its name or the browser's claim), so that nothing executable or unexpected is stored and
/// served back. Anything else is a 400 on <c>file</c>.
/// </summary>
internal static class AttachmentFile
{
    public const int MaxBytes = 20 * 1024 * 1024;

    public const string Pdf = "application/pdf";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";

    /// <summary>The content type, or a field error on <c>file</c>.</summary>
    public static string Detect(byte[] content)
    {
        var errors = new ValidationErrors();
        if (content.Length == 0) errors.Add("file", "validation.required").ThrowIfAny();
        if (content.Length > MaxBytes) errors.Add("file", "workflow.meetings.file_too_large", MaxBytes / 1024 / 1024).ThrowIfAny();
        var type = Starts(content, "%PDF-"u8) ? Pdf
            : Starts(content, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? Png
            : Starts(content, [0xFF, 0xD8, 0xFF]) ? Jpeg
            : Starts(content, [0x50, 0x4B, 0x03, 0x04]) ? OfficeType(content)
            : null;
        if (type is null) errors.Add("file", "workflow.meetings.file_type").ThrowIfAny();
        return type!;
    }

    private static bool Starts(byte[] content, ReadOnlySpan<byte> magic) => content.AsSpan().StartsWith(magic);

    /// <summary>A zip is a Word or Excel file when it holds their main part; any other zip is refused.</summary>
    private static string? OfficeType(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            return zip.GetEntry("word/document.xml") is not null ? Docx : zip.GetEntry("xl/workbook.xml") is not null ? Xlsx : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
