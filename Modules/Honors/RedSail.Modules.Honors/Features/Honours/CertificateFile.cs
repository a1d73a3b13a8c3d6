namespace RedSail.Modules.Honors.Features.Honours;

/// <summary>
/// A certificate is a PNG or JPEG image up to 5 MB, its type told by its own first bytes (BuildingBlocks DocumentTypes),
/// never by its name or the browser's claim; it is served back with that type. Anything else is a 400 on <c>file</c>.
/// </summary>
internal static class CertificateFile
{
    public const int MaxBytes = 5 * 1024 * 1024;

    public static string Detect(byte[] content)
    {
        var errors = new ValidationErrors();
        if (content.Length == 0) errors.Add("file", "validation.required").ThrowIfAny();
        if (content.Length > MaxBytes) errors.Add("file", "honors.certificate_too_large", MaxBytes / 1024 / 1024).ThrowIfAny();
        var type = DocumentTypes.Detect(content);
        if (type is not (DocumentTypes.Png or DocumentTypes.Jpeg)) errors.Add("file", "honors.certificate_type").ThrowIfAny();
        return type!;
    }
}
