namespace RedSail.Modules.Workflow.Features.Meetings;

/// <summary>
/// What a meeting may carry as an attachment: PDF, Word (docx), Excel (xlsx), PNG or JPEG up to 20 MB, the type told by the
/// file's own first bytes (never by its name or the browser's claim), so that nothing executable or unexpected is stored and
/// served back. Anything else is a 400 on <c>file</c>.
/// </summary>
internal static class AttachmentFile
{
    public const int MaxBytes = 20 * 1024 * 1024;

    /// <summary>The content type, or a field error on <c>file</c>.</summary>
    public static string Detect(byte[] content)
    {
        var errors = new ValidationErrors();
        if (content.Length == 0) errors.Add("file", "validation.required").ThrowIfAny();
        if (content.Length > MaxBytes) errors.Add("file", "workflow.meetings.file_too_large", MaxBytes / 1024 / 1024).ThrowIfAny();
        var type = DocumentTypes.Detect(content);
        if (type is null) errors.Add("file", "workflow.meetings.file_type").ThrowIfAny();
        return type!;
    }
}
