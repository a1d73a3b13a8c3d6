namespace RedSail.Modules.Archives.Features.Files;

/// <summary>Reads the one file of a multipart form (field <c>file</c>); a missing file is a field error.</summary>
internal static class UploadForms
{
    public static Task<(string FileName, byte[] Content)> ReadFileAsync(HttpRequest http, CancellationToken ct) =>
        UploadedForm.ReadAsync(http, ArchiveFileRules.MaxDocumentBytes, name =>
            new AppException(400, "archives_file_too_large", "archives.documents.file_too_large", name, ArchiveFileRules.MaxDocumentBytes / 1024 / 1024), ct);
}
