using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;

namespace RedSail.Modules.Archives.Features.Files;

/// <summary>
/// The archive's bytes, outside the web root, once per content under <c>&lt;root&gt;/&lt;ab&gt;/&lt;cd&gt;/&lt;sha256&gt;</c>.
/// The root is <c>Archives:FileStore:Path</c>, by default <c>archives-files</c> beside the embedded cluster's folder in
/// <c>RedSail:DataPath</c>. A file is written to a temporary name, flushed to disk and renamed, so a crash never leaves a
/// half-written file under a hash; <c>archives.blob</c> holds its size and hash, and every read checks both.
/// </summary>
internal sealed class FileStore(IConfiguration configuration)
{
    public string Root { get; } = Path.GetFullPath(configuration["Archives:FileStore:Path"]
        ?? Path.Combine(configuration["RedSail:DataPath"] ?? ".redsail", "archives-files"));

    public static string Hash(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public string PathOf(string sha256) => Path.Combine(Root, sha256[..2], sha256[2..4], sha256);

    /// <summary>
    /// Stores the bytes (if this content is not stored yet) and its <c>archives.blob</c> row; returns the hash. A transaction
    /// that rolls back afterwards leaves an unreferenced file behind, which is harmless: the same content reuses it.
    /// </summary>
    public async Task<string> SaveAsync(ArchivesDb db, byte[] content, string contentType, CancellationToken ct)
    {
        var sha256 = Hash(content);
        var path = PathOf(sha256);
        if (!File.Exists(path) || !Matches(await File.ReadAllBytesAsync(path, ct), sha256, content.Length))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81_920, FileOptions.WriteThrough))
            {
                await stream.WriteAsync(content, ct);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        await db.ExecuteAsync("""
            insert into archives.blob (sha256, size, content_type) values (@sha256, @size, @contentType) on conflict (sha256) do nothing
            """, new { sha256, size = (long)content.Length, contentType }, ct);
        return sha256;
    }

    /// <summary>The stored bytes, after checking them against <c>archives.blob</c>: a missing, truncated or altered file is
    /// <see cref="StoredFileCorruptException"/> (a 500-class problem "文件校验失败"), never served.</summary>
    public async Task<byte[]> ReadAsync(ArchivesDb db, string sha256, CancellationToken ct)
    {
        var size = await db.ExecuteScalarAsync<long?>("select size from archives.blob where sha256 = @sha256", new { sha256 }, ct)
                   ?? throw new StoredFileCorruptException(sha256);
        var path = PathOf(sha256);
        if (!File.Exists(path)) throw new StoredFileCorruptException(sha256);
        var content = await File.ReadAllBytesAsync(path, ct);
        if (!Matches(content, sha256, size)) throw new StoredFileCorruptException(sha256);
        return content;
    }

    private static bool Matches(byte[] content, string sha256, long size) => content.Length == size && Hash(content) == sha256;
}

/// <summary>A stored file no longer matches its checksum (or is gone): the archive answers 500 rather than serve it.</summary>
internal sealed class StoredFileCorruptException(string sha256) : AppException(500, "archives_file_corrupt", "archives.documents.file_corrupt")
{
    public string Sha256 { get; } = sha256;
}
