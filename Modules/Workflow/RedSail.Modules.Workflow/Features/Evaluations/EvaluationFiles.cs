namespace RedSail.Modules.Workflow.Features.Evaluations;

/// <summary>
/// 述职 attachments, kept in workflow.evaluation_attachment until there is a file store: at most 20 MB, and only what the
/// magic bytes show to be a PDF, an Office file (docx/xlsx are zip containers), a PNG or a JPEG (the name's extension is not trusted).
/// </summary>
internal static class EvaluationFiles
{
    public const int MaxBytes = 20 * 1024 * 1024;

    public static string ContentTypeOf(byte[] content, string fileName)
    {
        var errors = new ValidationErrors();
        if (content.Length == 0) errors.Add("file", "workflow.evaluations.file_empty");
        else if (content.Length > MaxBytes) errors.Add("file", "workflow.evaluations.file_too_large", MaxBytes / 1024 / 1024);
        errors.MaxLength("file", fileName, 255).ThrowIfAny();
        var type = Detect(content, fileName);
        if (type is null) errors.Add("file", "workflow.evaluations.file_type").ThrowIfAny();
        return type!;
    }

    private static string? Detect(byte[] c, string fileName)
    {
        bool Starts(params byte[] magic) => c.Length >= magic.Length && c.AsSpan(0, magic.Length).SequenceEqual(magic);
        if (Starts(0x25, 0x50, 0x44, 0x46)) return "application/pdf";
        if (Starts(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)) return "image/png";
        if (Starts(0xFF, 0xD8, 0xFF)) return "image/jpeg";
        if (Starts(0x50, 0x4B, 0x03, 0x04))
            return Path.GetExtension(fileName).Equals(".xlsx", StringComparison.OrdinalIgnoreCase)
                ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                : "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        return null;
    }
}
