using System.Security.Cryptography;

namespace RedSail.Modules.Workflow.Features.Plans;

/// <summary>
/// Evidence files of a task's completion, kept in the database until there is a file store: at most 20 MB each, and only
/// documents and pictures recognised by their first bytes (the name and the browser's content type are not trusted).
/// </summary>
internal static class EvidenceFiles
{
    public const int MaxBytes = 20 * 1024 * 1024;
    public const int MaxFiles = 10;
    /// <summary>One report's files together (a report is evidence, not an archive: the archive module keeps the big ones).</summary>
    public const long MaxRequestBytes = 2L * MaxBytes + 64 * 1024;

    public sealed record Upload(string FileName, byte[] Content);

    /// <summary>The content type from the file's own bytes (<see cref="DocumentTypes"/>), or null.</summary>
    public static string? ContentType(string fileName, byte[] content) => DocumentTypes.Detect(content, fileName);

    /// <summary>Each file's size and kind, as field errors <c>files[i]</c> (nothing is stored when one is wrong).</summary>
    public static void Check(IReadOnlyList<Upload> files, ValidationErrors errors)
    {
        if (files.Count > MaxFiles) errors.Add("files", "workflow.plans.too_many_files", MaxFiles);
        for (var i = 0; i < files.Count; i++)
        {
            if (files[i].Content.Length == 0 || files[i].Content.Length > MaxBytes)
                errors.Add($"files[{i}]", "workflow.plans.file_size", files[i].FileName, MaxBytes / 1024 / 1024);
            else if (ContentType(files[i].FileName, files[i].Content) is null)
                errors.Add($"files[{i}]", "workflow.plans.file_type", files[i].FileName);
        }
    }

    public static Task StoreAsync(WorkflowDb db, RequestContext context, Guid taskId, IReadOnlyList<Upload> files, CancellationToken ct) =>
        files.Count == 0 ? Task.CompletedTask : db.ExecuteAsync("""
            insert into workflow.plan_task_attachment (id, task_id, file_name, content_type, size, sha256, content, uploaded_by)
            select gen_random_uuid(), @taskId, f.name, f.type, f.size, f.hash, f.content, @userId
            from unnest(@names, @types, @sizes, @hashes, @contents) as f(name, type, size, hash, content)
            """, new
            {
                taskId, userId = context.Principal.UserId,
                names = files.Select(f => Path.GetFileName(f.FileName)).ToArray(),
                types = files.Select(f => ContentType(f.FileName, f.Content)!).ToArray(),
                sizes = files.Select(f => f.Content.Length).ToArray(),
                hashes = files.Select(f => SHA256.HashData(f.Content)).ToArray(),
                contents = files.Select(f => f.Content).ToArray(),
            }, ct);

    /// <summary>Reads the multipart form's <c>files</c> (the request size limit is the endpoint's).</summary>
    public static async Task<(IFormCollection Form, List<Upload> Files)> ReadFormAsync(HttpRequest http, CancellationToken ct)
    {
        var form = http.HasFormContentType ? await http.ReadFormAsync(ct) : FormCollection.Empty;
        var files = new List<Upload>();
        foreach (var file in form.Files.GetFiles("files"))
        {
            using var content = new MemoryStream();
            await file.OpenReadStream().CopyToAsync(content, ct);
            files.Add(new Upload(file.FileName, content.ToArray()));
        }
        return (form, files);
    }
}
