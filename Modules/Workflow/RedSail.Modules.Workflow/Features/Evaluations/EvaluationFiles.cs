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
        var type = DocumentTypes.Detect(content, fileName);
        if (type is null) errors.Add("file", "workflow.evaluations.file_type").ThrowIfAny();
        return type!;
    }
}
