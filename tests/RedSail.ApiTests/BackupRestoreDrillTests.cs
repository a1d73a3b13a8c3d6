using System.Data;
using System.Net;
using Npgsql;
using NUnit.Framework;
using RedSail.Host.Backup;
using RedSail.Platform.Access;
using RedSail.Testing;

namespace RedSail.ApiTests;

/// <summary>
/// The backup drill (SECURITY.md "Backup … and restore are commands with a tested drill"): the demo with its archive files is
/// backed up, destroyed and restored, and must come back table for table, file for file, and serve; a restore into a target
/// that holds data, or from a backup with one changed byte, is refused before anything is written.
/// </summary>
[NonParallelizable]
public sealed class BackupRestoreDrillTests
{
    private static readonly HashSet<string> AuditTables = ["platform.audit_log", "platform.audit_head"];
    private readonly string _work = Path.Combine(Path.GetTempPath(), "redsail-drill-" + Guid.NewGuid().ToString("N")[..8]);
    private string _database = null!;
    private Dictionary<string, string?> _settings = null!;
    private string Store => Path.Combine(_work, "store");
    private string Backup => Path.Combine(_work, "backup");
    private TestUser _committee = null!;
    private Guid _root, _document, _file;
    private byte[] _uploaded = null!;
    private Dictionary<string, TableEntry> _tables = null!;
    private Dictionary<string, FileEntry> _files = null!;

    [OneTimeSetUp]
    public async Task Seed_and_back_up()
    {
        _database = await Demo.DatabaseAsync();
        _settings = new Dictionary<string, string?> { ["Archives:FileStore:Path"] = Store };
        await using (var host = await TestHost.StartAsync(_database, _settings))
        {
            await Demo.SeedWorkflowAsync(host);
            await Demo.SeedHonorsAsync(host);
            await Demo.SeedArchivesAsync(host);
            _root = await Demo.RootAsync(host);
            _committee = await host.CreateUserAsync(RoleCatalog.CommitteeAdmin, _root);
            using var client = host.Client();
            await client.SignInAsync(_committee);
            _document = await ArchivesDocumentsTests.RecordAsync(client, ArchivesDocumentsTests.Fields("备份演练上传的文件", _root));
            _uploaded = "%PDF-1.4 备份演练 "u8.ToArray().Concat(Guid.NewGuid().ToByteArray()).ToArray();
            var upload = await ArchivesDocumentsTests.UploadAsync(client, _document, "演练.pdf", _uploaded);
            _file = (await Problems.JsonAsync(upload, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        }
        NpgsqlConnection.ClearAllPools();
        _tables = await TablesAsync(_database);
        _files = await FilesAsync(Store);

        var (code, output) = await HostVerb.RunAsync(_database, _settings, "backup", "--to", Backup);
        Assert.That(code, Is.Zero, output);
    }

    [OneTimeTearDown]
    public void Remove()
    {
        if (Directory.Exists(_work)) Directory.Delete(_work, recursive: true);
    }

    [Test]
    public void The_backup_holds_the_seeded_tables_and_every_stored_file()
    {
        var manifest = BackupManifest.ReadAsync(Backup).GetAwaiter().GetResult()!;
        Assert.Multiple(() =>
        {
            Assert.That(manifest.Tables, Is.EquivalentTo(_tables.Values), "the checksums were taken in the dump's snapshot, before the backup's own audit row");
            Assert.That(manifest.Tables.Single(t => t.Name == "personnel.person").Rows, Is.GreaterThan(100));
            Assert.That(manifest.Files, Is.EquivalentTo(_files.Values));
            Assert.That(manifest.Files.Select(f => f.Sha256), Does.Contain(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(_uploaded))));
        });
    }

    [Test]
    public async Task Destroyed_and_restored_every_table_and_file_is_equal_and_the_host_serves_a_signed_in_user()
    {
        await DropDatabaseAsync(_database);
        Directory.Delete(Store, recursive: true);

        var (code, output) = await HostVerb.RunAsync(_database, _settings, "restore", "--from", Backup);
        Assert.That(code, Is.Zero, output);
        var tables = await TablesAsync(_database);
        var files = await FilesAsync(Store);
        Assert.Multiple(() =>
        {
            Assert.That(tables.Values.Where(t => !AuditTables.Contains(t.Name)), Is.EquivalentTo(_tables.Values.Where(t => !AuditTables.Contains(t.Name))));
            Assert.That(tables["platform.audit_log"].Rows, Is.EqualTo(_tables["platform.audit_log"].Rows + 1), "the restore itself is audited, after the check");
            Assert.That(files, Is.EquivalentTo(_files));
        });

        await using (var host = await TestHost.StartAsync(_database, _settings))
        {
            using var client = host.Client();
            await client.SignInAsync(_committee);
            var people = await Problems.JsonAsync(await client.GetAsync($"/api/personnel/people?organizationId={_root}&pageSize=5"));
            var download = await client.GetAsync($"/api/archives/documents/{_document}/files/{_file}/content");
            Assert.Multiple(async () =>
            {
                Assert.That(people.GetProperty("total").GetInt64(), Is.GreaterThan(100));
                Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(await download.Content.ReadAsByteArrayAsync(), Is.EqualTo(_uploaded));
                Assert.That(await host.ScalarAsync<long>("select count(*) from platform.audit_log where action = 'platform.backup.restore'"), Is.EqualTo(1));
            });
        }
        NpgsqlConnection.ClearAllPools();
        var verification = await HostVerb.RunAsync(_database, _settings, "verify-audit");
        Assert.That(verification.Code, Is.Zero, verification.Output);

        var again = await HostVerb.RunAsync(_database, _settings, "restore", "--from", Backup);
        Assert.Multiple(async () =>
        {
            Assert.That(again.Code, Is.EqualTo(4), again.Output);
            Assert.That(again.Output, Does.Contain("personnel.person").And.Contain(Store));
            Assert.That((await TablesAsync(_database))["personnel.person"], Is.EqualTo(_tables["personnel.person"]));
        });
    }

    [Test]
    public async Task A_backup_with_one_changed_byte_is_refused_before_anything_is_restored()
    {
        var tampered = Path.Combine(_work, "tampered");
        foreach (var file in Directory.EnumerateFiles(Backup, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(tampered, Path.GetRelativePath(Backup, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        var victim = Path.Combine(tampered, BackupManifest.FilesFolder, _files.Keys.Order().First());
        var bytes = await File.ReadAllBytesAsync(victim);
        bytes[bytes.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(victim, bytes);
        var target = await TestCluster.CreateDatabaseAsync();
        var store = Path.Combine(_work, "empty-store");
        var settings = new Dictionary<string, string?> { ["Archives:FileStore:Path"] = store };

        var (code, output) = await HostVerb.RunAsync(target, settings, "restore", "--from", tampered);

        var restored = await TablesAsync(target);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(4), output);
            Assert.That(output, Does.Contain(_files.Keys.Order().First()));
            Assert.That(restored["personnel.person"].Rows + restored["personnel.organization"].Rows + restored["platform.user_account"].Rows, Is.Zero);
            Assert.That(Directory.Exists(store) && Directory.EnumerateFiles(store, "*", SearchOption.AllDirectories).Any(), Is.False);
        });
    }

    [Test]
    public async Task A_backup_taken_while_rows_and_files_are_written_restores_to_exactly_its_manifest()
    {
        var source = await TestCluster.CreateDatabaseAsync();
        var sourceStore = Path.Combine(_work, "busy-store");
        using var stop = new CancellationTokenSource();
        var written = 0;
        var firstWrites = new TaskCompletionSource();
        // What the archive does per upload: the file under its hash first, then the row that names it, committed.
        var writer = Task.Run(async () =>
        {
            await using var connection = new NpgsqlConnection(TestCluster.Server.ConnectionString(source));
            await connection.OpenAsync();
            while (!stop.IsCancellationRequested)
            {
                var content = Guid.NewGuid().ToByteArray();
                var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
                var path = Path.Combine(sourceStore, ContentFiles.PathFor(sha256));
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllBytesAsync(path + ".tmp", content);
                File.Move(path + ".tmp", path);
                await using var command = new NpgsqlCommand("""
                    insert into archives.blob (sha256, size, content_type) values (@sha256, 16, 'application/octet-stream');
                    insert into archives.category (id, name) values (gen_random_uuid(), @sha256);
                    """, connection);
                command.Parameters.AddWithValue("sha256", sha256);
                await command.ExecuteNonQueryAsync();
                if (++written == 20) firstWrites.SetResult();
            }
        });
        await firstWrites.Task;
        var busyBackup = Path.Combine(_work, "busy-backup");
        var backup = await HostVerb.RunAsync(source, new Dictionary<string, string?> { ["Archives:FileStore:Path"] = sourceStore }, "backup", "--to", busyBackup);
        await stop.CancelAsync();
        await writer;

        var target = await TestCluster.CreateDatabaseAsync();
        var targetStore = Path.Combine(_work, "busy-restored");
        var restore = await HostVerb.RunAsync(target, new Dictionary<string, string?> { ["Archives:FileStore:Path"] = targetStore }, "restore", "--from", busyBackup);
        await using var connection = new NpgsqlConnection(TestCluster.Server.ConnectionString(target));
        await connection.OpenAsync();
        await using var blobs = new NpgsqlCommand("select sha256 from archives.blob", connection);
        var named = new List<string>();
        await using (var reader = await blobs.ExecuteReaderAsync())
            while (await reader.ReadAsync()) named.Add(reader.GetString(0));
        Assert.Multiple(() =>
        {
            Assert.That(backup.Code, Is.Zero, backup.Output);
            Assert.That(restore.Code, Is.Zero, restore.Output + " (the dump and the checksums must come from one snapshot)");
            Assert.That(named, Has.Count.GreaterThanOrEqualTo(20));
            Assert.That(named.Where(h => !File.Exists(Path.Combine(targetStore, ContentFiles.PathFor(h)))), Is.Empty, "every file a restored row names");
        });
    }

    private static async Task<Dictionary<string, TableEntry>> TablesAsync(string database)
    {
        await using var connection = new NpgsqlConnection(TestCluster.Server.ConnectionString(database));
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead);
        return (await TableChecksums.ComputeAsync(connection, transaction, RedSail.Migrations.SchemaMigrator.Schemas, CancellationToken.None))
            .ToDictionary(t => t.Name);
    }

    private static async Task<Dictionary<string, FileEntry>> FilesAsync(string store)
    {
        var files = new Dictionary<string, FileEntry>();
        foreach (var relative in ContentFiles.List(store))
            files[relative] = await ContentFiles.HashAsync(Path.Combine(store, relative), relative, CancellationToken.None);
        return files;
    }

    private static async Task DropDatabaseAsync(string database)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(TestCluster.Server.ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"drop database {database} with (force)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
