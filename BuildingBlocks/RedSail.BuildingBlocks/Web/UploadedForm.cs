using Microsoft.AspNetCore.Http;
using RedSail.BuildingBlocks.Validation;

namespace RedSail.BuildingBlocks.Web;

/// <summary>The one uploaded file of a multipart form (field <c>file</c>), read into memory within a size limit.</summary>
public static class UploadedForm
{
    /// <summary>
    /// The file's name (as sent) and bytes. A missing file is a field error (<c>validation.required</c>); a file over
    /// <paramref name="maxBytes"/> throws what <paramref name="tooLarge"/> makes (each upload names its own message), before
    /// anything is read into memory.
    /// </summary>
    public static async Task<(string FileName, byte[] Content)> ReadAsync(HttpRequest http, long maxBytes, Func<string, Exception> tooLarge,
        CancellationToken ct)
    {
        var form = http.HasFormContentType ? await http.ReadFormAsync(ct) : null;
        var file = form?.Files.GetFile("file");
        if (file is null) new ValidationErrors().Add("file", "validation.required").ThrowIfAny();
        if (file!.Length > maxBytes) throw tooLarge(file.FileName);
        using var content = new MemoryStream((int)file.Length);
        await file.CopyToAsync(content, ct);
        return (file.FileName, content.ToArray());
    }

    /// <summary>A field error on <c>file</c> for a file over the limit: <paramref name="messageKey"/> with the limit in MB.</summary>
    public static Func<string, Exception> FieldTooLarge(string messageKey, long maxBytes) =>
        _ => new ValidationFailedException([new FieldError("file", messageKey, [maxBytes / 1024 / 1024])]);
}
