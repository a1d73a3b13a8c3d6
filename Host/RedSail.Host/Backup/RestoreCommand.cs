using System.Data;
using System.Diagnostics;
using Dapper;
using Npgsql;
using RedSail.BuildingBlocks.Access;
using RedSail.BuildingBlocks.Audit;
using RedSail.BuildingBlocks.Data;
using RedSail.BuildingBlocks.Localization;
using RedSail.Host.Startup;
using RedSail.Migrations;

namespace RedSail.Host.Backup;

/// <summary>
/// <c>restore --from DIR</c>, only into an empty target: checks the whole backup against its manifest (and the key ring
/// against the keys the data needs) before touching anything; then replaces the freshly migrated, empty schemas with the
/// dump (pg_restore without owners and grants, as the owner), copies the files, recomputes every table's rows and
/// checksum and every file's hash against the manifest, and last runs the provisioner again, which sets the module
/// roles' grants (and migrates a backup from an older version forward).
/// </summary>
internal sealed class RestoreCommand(IServiceProvider services, DatabaseBootstrap database)
{
    /// <summary>Tables a fresh migration fills with reference rows (and the migration journals): an empty target has only these.</summary>
    private static readonly string[] FilledByMigrations =
        ["platform.audit_head", "personnel.rule_set", "workflow.rule_set", "archives.category"];

    private readonly MessageCatalog _messages = services.GetRequiredService<MessageCatalog>();

    public async Task<int> RunAsync(string source, CancellationToken ct = default)
    {
        var started = Stopwatch.StartNew();
        var folder = Path.GetFullPath(source);
        BackupManifest? manifest;
        try { manifest = await BackupManifest.ReadAsync(folder); }
        catch (System.Text.Json.JsonException) { manifest = null; }
        if (manifest is null || manifest.Format != BackupManifest.CurrentFormat)
            return Refuse(_messages.Get("backup.restore.manifest_missing", folder));

        Console.WriteLine(_messages.Get("backup.restore.verifying", folder, manifest.Files.Count));
        var damage = await DamageAsync(folder, manifest, ct);
        if (damage.Count > 0) return Refuse(_messages.Get("backup.restore.damaged"), damage);
        if (manifest.KeyFingerprints.Except(BackupCommand.KeyFingerprints(database.Keys)).Any())
            return Refuse(_messages.Get("backup.restore.key_ring_differs", Path.GetFullPath(
                services.GetRequiredService<IConfiguration>()["RedSail:KeyRingPath"] ?? Path.Combine(DataPath, "keys", "keyring.json"))));

        var store = ContentFiles.Root(services.GetRequiredService<IConfiguration>());
        var occupied = await OccupiedAsync(store, ct);
        if (occupied.Count > 0) return Refuse(_messages.Get("backup.restore.target_not_empty"), occupied);

        Console.WriteLine(_messages.Get("backup.restore.restoring", manifest.Files.Count));
        try
        {
            await using (var connection = new NpgsqlConnection(database.Options.OwnerConnectionString))
            {
                await connection.OpenAsync(ct);
                await connection.ExecuteAsync(string.Join(";", SchemaMigrator.Schemas.Select(s => $"drop schema if exists {s} cascade")));
            }
            await new PostgresTools(database.Options.OwnerConnectionString).RunAsync("pg_restore",
                ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error",
                 "--dbname=" + new NpgsqlConnectionStringBuilder(database.Options.OwnerConnectionString).Database,
                 Path.Combine(folder, BackupManifest.DumpFileName)], ct);
            foreach (var file in manifest.Files)
                await ContentFiles.CopyAsync(Path.Combine(folder, BackupManifest.FilesFolder, file.Path), Path.Combine(store, file.Path), file.Path, ct);
        }
        catch (Exception e) when (e is PostgresToolException or PostgresException or IOException)
        {
            Console.Error.WriteLine(_messages.Get("backup.restore.failed", e.Message));
            return 5;
        }

        // Compared before the provisioner runs: migrating an older backup forward may rightly change rows.
        var differences = await DifferencesAsync(store, manifest, ct);
        await new DatabaseProvisioner(database.Options, database.Keys).ProvisionAsync(SchemaMigrator.Schemas, SchemaMigrator.MigrateAsync, ct);
        if (differences.Count > 0)
        {
            Console.Error.WriteLine(_messages.Get("backup.restore.differs"));
            foreach (var line in differences) Console.Error.WriteLine(line);
            return 5;
        }
        await services.GetRequiredService<AuditTrail>().RecordAsync(services.GetRequiredService<RequestContext>(),
            new AuditEntry("platform.backup.restore", AuditResult.Success, "backup", folder, null,
                $"made {manifest.CreatedAtUtc:O}, {manifest.Tables.Count} tables, {manifest.Files.Count} files"), ct);
        Console.WriteLine(_messages.Get("backup.restore.done", manifest.Tables.Count, manifest.Tables.Sum(t => t.Rows), manifest.Files.Count,
            started.Elapsed.TotalSeconds));
        return 0;
    }

    private string DataPath => services.GetRequiredService<IConfiguration>()["RedSail:DataPath"] ?? ".redsail";

    /// <summary>Everything in the backup folder that does not match the manifest: the dump and every file, by size and SHA-256.</summary>
    private async Task<List<string>> DamageAsync(string folder, BackupManifest manifest, CancellationToken ct)
    {
        var damage = new List<string>();
        var dumpPath = Path.Combine(folder, BackupManifest.DumpFileName);
        if (!File.Exists(dumpPath) || await ContentFiles.HashAsync(dumpPath, manifest.Dump.Path, ct) != manifest.Dump)
            damage.Add(_messages.Get("backup.restore.dump_differs", dumpPath));
        foreach (var file in manifest.Files)
        {
            var path = Path.Combine(folder, BackupManifest.FilesFolder, file.Path);
            if (!File.Exists(path)) damage.Add(_messages.Get("backup.restore.file_absent", file.Path));
            else if (await ContentFiles.HashAsync(path, file.Path, ct) != file || ContentFiles.NamedHash(file.Path) != file.Sha256)
                damage.Add(_messages.Get("backup.restore.file_differs", file.Path));
        }
        return damage;
    }

    /// <summary>Why the target is not empty: tables with rows (beyond a fresh migration's), stored files, a running host.</summary>
    private async Task<List<string>> OccupiedAsync(string store, CancellationToken ct)
    {
        var reasons = new List<string>();
        await using var connection = new NpgsqlConnection(database.Options.OwnerConnectionString);
        await connection.OpenAsync(ct);
        var tables = await connection.QueryAsync<string>(new CommandDefinition("""
            select format('%I.%I', n.nspname, c.relname) from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where c.relkind in ('r', 'p') and not c.relispartition and n.nspname = any(@schemas) and c.relname <> 'version_info'
              and format('%s.%s', n.nspname, c.relname) <> all(@filled)
            order by 1
            """, new { schemas = SchemaMigrator.Schemas, filled = FilledByMigrations }, cancellationToken: ct));
        foreach (var table in tables)
            if (await connection.QuerySingleAsync<bool>(new CommandDefinition($"select exists (select from {table})", cancellationToken: ct)))
                reasons.Add(_messages.Get("backup.restore.table_has_rows", table));
        if (Directory.Exists(store) && Directory.EnumerateFiles(store, "*", SearchOption.AllDirectories).Any())
            reasons.Add(_messages.Get("backup.restore.store_has_files", store));
        var hostConnections = await connection.QuerySingleAsync<long>(new CommandDefinition("""
            select count(*) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and application_name = any(@names)
            """, new { names = SchemaMigrator.Schemas.Select(s => "redsail-" + s).ToArray() }, cancellationToken: ct));
        if (hostConnections > 0) reasons.Add(_messages.Get("backup.restore.host_running", hostConnections));
        return reasons;
    }

    /// <summary>The restored tables and files against the manifest: rows, checksums, sizes, SHA-256.</summary>
    private async Task<List<string>> DifferencesAsync(string store, BackupManifest manifest, CancellationToken ct)
    {
        var differences = new List<string>();
        await using (var connection = new NpgsqlConnection(database.Options.OwnerConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
            var restored = (await TableChecksums.ComputeAsync(connection, transaction, manifest.Schemas.ToArray(), ct)).ToDictionary(t => t.Name);
            foreach (var expected in manifest.Tables)
            {
                var actual = restored.GetValueOrDefault(expected.Name) ?? new TableEntry(expected.Name, 0, "-");
                if (actual != expected)
                    differences.Add(_messages.Get("backup.restore.table_differs", expected.Name, expected.Rows, expected.Checksum, actual.Rows, actual.Checksum));
            }
            foreach (var extra in restored.Keys.Except(manifest.Tables.Select(t => t.Name)))
                differences.Add(_messages.Get("backup.restore.table_differs", extra, 0, "-", restored[extra].Rows, restored[extra].Checksum));
        }
        foreach (var file in manifest.Files)
        {
            var path = Path.Combine(store, file.Path);
            if (!File.Exists(path)) differences.Add(_messages.Get("backup.restore.file_absent", file.Path));
            else if (await ContentFiles.HashAsync(path, file.Path, ct) != file) differences.Add(_messages.Get("backup.restore.file_differs", file.Path));
        }
        return differences;
    }

    private static int Refuse(string headline, IEnumerable<string>? details = null)
    {
        Console.Error.WriteLine(headline);
        foreach (var line in details ?? []) Console.Error.WriteLine(line);
        return 4;
    }
}
