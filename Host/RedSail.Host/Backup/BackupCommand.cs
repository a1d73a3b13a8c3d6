using System.Data;
using System.Diagnostics;
using Dapper;
using Npgsql;
using RedSail.BuildingBlocks.Access;
using RedSail.BuildingBlocks.Audit;
using RedSail.BuildingBlocks.Localization;
using RedSail.BuildingBlocks.Security;
using RedSail.Host.Startup;
using RedSail.Migrations;

namespace RedSail.Host.Backup;

/// <summary>
/// <c>backup --to DIR</c>: the database as a pg_dump custom-format file and the archive's files, with a manifest. One
/// repeatable-read snapshot is exported to pg_dump and also used for the table checksums and the list of stored files the
/// database names; the files are copied after it, so every file a row in the dump names is there (the store writes a file
/// before the row that names it commits, and never rewrites one).
/// </summary>
internal sealed class BackupCommand(IServiceProvider services, DatabaseBootstrap database)
{
    private readonly MessageCatalog _messages = services.GetRequiredService<MessageCatalog>();

    public async Task<int> RunAsync(string target, CancellationToken ct = default)
    {
        var started = Stopwatch.StartNew();
        var folder = Path.GetFullPath(target);
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            Console.Error.WriteLine(_messages.Get("backup.usage_target_not_empty", folder));
            return 4;
        }
        Directory.CreateDirectory(folder);
        // Personal data: only the account that runs the host may read the copy.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var store = ContentFiles.Root(services.GetRequiredService<IConfiguration>());
        var tools = new PostgresTools(database.Options.OwnerConnectionString);
        var dumpPath = Path.Combine(folder, BackupManifest.DumpFileName);

        await using var connection = new NpgsqlConnection(database.Options.OwnerConnectionString);
        await connection.OpenAsync(ct);
        await using var snapshot = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await connection.ExecuteAsync(new CommandDefinition("set transaction read only", transaction: snapshot, cancellationToken: ct));
        var snapshotId = await connection.QuerySingleAsync<string>(new CommandDefinition("select pg_export_snapshot()", transaction: snapshot, cancellationToken: ct));
        Console.WriteLine(_messages.Get("backup.started", connection.Database, snapshotId, store, folder));

        // pg_dump reads the exported snapshot while this transaction, still open, computes the checksums in the same one.
        var dump = tools.RunAsync("pg_dump", ["--format=custom", "--snapshot=" + snapshotId, "--file=" + dumpPath,
            .. SchemaMigrator.Schemas.Select(s => "--schema=" + s)], ct);
        List<TableEntry> tables;
        HashSet<string> named;
        Dictionary<string, long> versions = [];
        string serverVersion;
        try
        {
            tables = await TableChecksums.ComputeAsync(connection, snapshot, SchemaMigrator.Schemas, ct);
            named = (await connection.QueryAsync<string>(new CommandDefinition("select sha256 from archives.blob", transaction: snapshot, cancellationToken: ct))).ToHashSet();
            foreach (var schema in SchemaMigrator.Schemas)
                versions[schema] = await connection.QuerySingleAsync<long>(new CommandDefinition(
                    $"select coalesce(max(version), 0) from {schema}.version_info", transaction: snapshot, cancellationToken: ct));
            serverVersion = await connection.QuerySingleAsync<string>(new CommandDefinition("select version()", transaction: snapshot, cancellationToken: ct));
            await dump;
        }
        catch (PostgresToolException e)
        {
            return Failed(folder, e.Message);
        }
        await snapshot.CommitAsync(ct);

        var files = new List<FileEntry>();
        var problems = new List<string>();
        foreach (var relative in ContentFiles.List(store))
        {
            var copied = await ContentFiles.CopyAsync(Path.Combine(store, relative), Path.Combine(folder, BackupManifest.FilesFolder, relative), relative, ct);
            if (copied.Sha256 != ContentFiles.NamedHash(relative)) problems.Add(_messages.Get("backup.file_corrupt", relative));
            files.Add(copied);
        }
        problems.AddRange(named.Except(files.Select(f => f.Sha256)).Order().Select(h => _messages.Get("backup.file_missing", ContentFiles.PathFor(h))));
        if (problems.Count > 0) return Failed(folder, string.Join(Environment.NewLine, problems));

        var manifest = new BackupManifest(BackupManifest.CurrentFormat, DateTime.UtcNow,
            new ToolVersions(typeof(BackupCommand).Assembly.GetName().Version?.ToString() ?? "", serverVersion, await tools.VersionAsync("pg_dump")),
            connection.Database, SchemaMigrator.Schemas, versions, KeyFingerprints(database.Keys),
            await ContentFiles.HashAsync(dumpPath, BackupManifest.DumpFileName, ct), tables, files);
        await manifest.WriteAsync(folder);

        var rows = tables.Sum(t => t.Rows);
        var bytes = files.Sum(f => f.Size);
        await services.GetRequiredService<AuditTrail>().RecordAsync(services.GetRequiredService<RequestContext>(),
            new AuditEntry("platform.backup.create", AuditResult.Success, "backup", folder, null, $"{tables.Count} tables, {rows} rows, {files.Count} files"), ct);
        Console.WriteLine(_messages.Get("backup.done", tables.Count, rows, files.Count, bytes + manifest.Dump.Size, manifest.Dump.Size,
            started.Elapsed.TotalSeconds, Path.Combine(folder, BackupManifest.FileName)));
        return 0;
    }

    /// <summary>
    /// The keys the data depends on, named without revealing them: the master secret (role passwords, audit chain, blind
    /// indexes) and each field-encryption key by id, each as an HMAC-SM3 of a fixed text under that key.
    /// </summary>
    public static IReadOnlyList<string> KeyFingerprints(KeyRing keys) =>
    [
        "master:" + Convert.ToHexStringLower(keys.Derive("backup:key-fingerprint"))[..32],
        .. keys.FieldKeys.OrderBy(k => k.Key).Select(k =>
            $"field-{k.Key}:" + Convert.ToHexStringLower(KeyRing.HmacSm3(k.Value, "backup:key-fingerprint"u8))[..32]),
    ];

    private int Failed(string folder, string reason)
    {
        Console.Error.WriteLine(reason);
        Console.Error.WriteLine(_messages.Get("backup.incomplete", folder));
        return 5;
    }
}
