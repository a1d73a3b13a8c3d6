using System.Text.Encodings.Web;
using System.Text.Json;

namespace RedSail.Host.Backup;

/// <summary>
/// <c>manifest.json</c> of a backup folder: what was copied and how to tell that it is intact — the dump's SHA-256, every
/// file's size and SHA-256, and each table's row count and content checksum taken in the dump's own snapshot.
/// Written last, so a folder without it is an unfinished backup.
/// </summary>
internal sealed record BackupManifest(
    int Format,
    DateTime CreatedAtUtc,
    ToolVersions Versions,
    string Database,
    IReadOnlyList<string> Schemas,
    IReadOnlyDictionary<string, long> MigrationVersions,
    IReadOnlyList<string> KeyFingerprints,
    FileEntry Dump,
    IReadOnlyList<TableEntry> Tables,
    IReadOnlyList<FileEntry> Files)
{
    public const int CurrentFormat = 1;
    public const string FileName = "manifest.json";
    public const string DumpFileName = "database.dump";
    public const string FilesFolder = "files";

    // Read by operators as well as by restore: no \u escapes of '+' or CJK text.
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task<BackupManifest?> ReadAsync(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return null;
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<BackupManifest>(stream, Json);
    }

    public async Task WriteAsync(string folder)
    {
        var path = Path.Combine(folder, FileName);
        await using (var stream = new FileStream(path + ".tmp", FileMode.Create, FileAccess.Write, FileShare.None, 81_920, FileOptions.WriteThrough))
            await JsonSerializer.SerializeAsync(stream, this, Json);
        File.Move(path + ".tmp", path, overwrite: true);
    }
}

internal sealed record ToolVersions(string Host, string Server, string PgDump);

/// <summary>A table (<c>schema.name</c>) with its rows and an MD5 over their text in primary-key order.</summary>
internal sealed record TableEntry(string Name, long Rows, string Checksum);

/// <summary>A file by its path relative to the backup folder (or the file store), with '/' as separator.</summary>
internal sealed record FileEntry(string Path, long Size, string Sha256);
