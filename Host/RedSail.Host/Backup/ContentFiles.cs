using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace RedSail.Host.Backup;

/// <summary>
/// The archive's file store seen from outside the Archives module: content-addressed files <c>ab/cd/&lt;sha256&gt;</c> under
/// <c>Archives:FileStore:Path</c> (default <c>&lt;RedSail:DataPath&gt;/archives-files</c>, as the module's FileStore resolves it).
/// Files are never overwritten with other content, so copying after the database snapshot catches every file a committed row names.
/// </summary>
internal static partial class ContentFiles
{
    public static string Root(IConfiguration configuration) => Path.GetFullPath(configuration["Archives:FileStore:Path"]
        ?? Path.Combine(configuration["RedSail:DataPath"] ?? ".redsail", "archives-files"));

    /// <summary>Relative paths ('/'-separated) of the stored files; temporary files of unfinished writes are not content.</summary>
    public static IEnumerable<string> List(string root) => !Directory.Exists(root)
        ? []
        : Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(p => StoredPath().IsMatch(p))
            .Order(StringComparer.Ordinal);

    /// <summary>The SHA-256 a stored file is named after.</summary>
    public static string NamedHash(string relativePath) => relativePath[(relativePath.LastIndexOf('/') + 1)..];

    public static string PathFor(string sha256) => $"{sha256[..2]}/{sha256[2..4]}/{sha256}";

    /// <summary>Copies through a temporary name, flushed and renamed (as the store writes), hashing the bytes on the way.</summary>
    public static async Task<FileEntry> CopyAsync(string source, string destination, string relativePath, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        var temporary = destination + "." + Guid.NewGuid().ToString("N") + ".tmp";
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        await using (var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 81_920, useAsync: true))
        await using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81_920, FileOptions.WriteThrough))
        {
            var buffer = new byte[81_920];
            for (int read; (read = await input.ReadAsync(buffer, ct)) > 0; size += read)
            {
                hash.AppendData(buffer, 0, read);
                await output.WriteAsync(buffer.AsMemory(0, read), ct);
            }
            output.Flush(flushToDisk: true);
        }
        File.Move(temporary, destination, overwrite: true);
        return new FileEntry(relativePath, size, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    public static async Task<FileEntry> HashAsync(string path, string relativePath, CancellationToken ct)
    {
        await using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81_920, useAsync: true);
        var sha256 = await SHA256.HashDataAsync(input, ct);
        return new FileEntry(relativePath, input.Length, Convert.ToHexStringLower(sha256));
    }

    [GeneratedRegex("^[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{64}$")]
    private static partial Regex StoredPath();
}
