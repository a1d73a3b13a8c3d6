namespace RedSail.Modules.Archives.Features.Files;

/// <summary>Reads the one file of a multipart form (field <c>file</c>); a missing file is a field error.</summary>
internal static class UploadForms
{
    public static async Task<(string FileName, byte[] Content)> ReadFileAsync(HttpRequest http, CancellationToken ct)
    {
        var form = http.HasFormContentType ? await http.ReadFormAsync(ct) : null;
        var file = form?.Files.GetFile("file");
        if (file is null) new ValidationErrors().Add("file", "validation.required").ThrowIfAny();
        if (file!.Length > ArchiveFileRules.MaxDocumentBytes)
            throw new AppException(400, "archives_file_too_large", "archives.documents.file_too_large", file.FileName, ArchiveFileRules.MaxDocumentBytes / 1024 / 1024);
        using var content = new MemoryStream((int)file.Length);
        await file.CopyToAsync(content, ct);
        return (file.FileName, content.ToArray());
    }
}
