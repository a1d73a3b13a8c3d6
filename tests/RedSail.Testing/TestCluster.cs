using Npgsql;
using RedSail.BuildingBlocks.Data;
using RedSail.BuildingBlocks.Security;
using RedSail.Migrations;

namespace RedSail.Testing;

/// <summary>
/// One throwaway PostgreSQL cluster per test run (made from the machine's server binaries, like the
/// embedded default), one key ring, and a migrated template database; each fixture gets its own database
/// cloned from the template in a few milliseconds.
/// </summary>
public static class TestCluster
{
    private const string Template = "redsail_template";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static PostgresServer? _server;
    private static string? _folder;
    private static readonly Dictionary<string, Task<string>> SeededTemplates = [];

    public static string Folder => _folder ?? throw new InvalidOperationException("The test cluster has not started.");
    public static string KeyRingPath => Path.Combine(Folder, "keyring.json");
    public static KeyRing Keys => KeyRing.LoadOrCreate(KeyRingPath);
    public static PostgresServer Server => _server ?? throw new InvalidOperationException("The test cluster has not started.");

    /// <param name="settings">Extra server settings (e.g. a benchmark's shared_buffers); only the first start applies them.</param>
    public static async Task<PostgresServer> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        await Gate.WaitAsync();
        try
        {
            if (_server is not null) return _server;
            _folder = Path.Combine(Path.GetTempPath(), "redsail-tests", $"{Environment.ProcessId}-{Guid.NewGuid():N}"[..20]);
            Directory.CreateDirectory(_folder);
            // Tests need speed more than durability of their throwaway data.
            var serverSettings = new Dictionary<string, string>
            {
                ["fsync"] = "off", ["synchronous_commit"] = "off", ["full_page_writes"] = "off", ["shared_buffers"] = "'128MB'",
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string>()) serverSettings[key] = value;
            _server = await PostgresServer.StartAsync(Path.Combine(_folder, "postgres"), serverSettings);
            var options = OptionsFor(Template);
            await new DatabaseProvisioner(options, Keys).ProvisionAsync(SchemaMigrator.Schemas, SchemaMigrator.MigrateAsync);
            NpgsqlConnection.ClearAllPools(); // a template must have no connections when it is copied
            return _server;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A fresh, migrated database for one fixture.</summary>
    public static Task<string> CreateDatabaseAsync() => CreateDatabaseAsync(Template);

    /// <summary>
    /// A fresh database for one fixture, copied from a template that <paramref name="seed"/> filled once in this run (through a
    /// host of its own, stopped before the first copy: a template must have no connections). Seeding once instead of in every
    /// fixture is the point; each fixture still gets its own copy, so nothing one fixture writes reaches another. A template
    /// holds database state only (not the archive's file store), so seeds that write files do not belong here.
    /// </summary>
    public static async Task<string> CreateSeededDatabaseAsync(string template, Func<TestHost, Task> seed)
    {
        Task<string> seeded;
        lock (SeededTemplates)
        {
            if (!SeededTemplates.TryGetValue(template, out seeded!))
                SeededTemplates[template] = seeded = SeedTemplateAsync(seed);
        }
        return await CreateDatabaseAsync(await seeded);
    }

    private static async Task<string> SeedTemplateAsync(Func<TestHost, Task> seed)
    {
        var name = await CreateDatabaseAsync();
        await using (var host = await TestHost.StartAsync(name)) await seed(host);
        NpgsqlConnection.ClearAllPools(); // the stopped host's idle connections would block the copy
        return name;
    }

    private static async Task<string> CreateDatabaseAsync(string template)
    {
        await StartAsync();
        var name = "t_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(Server.ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"create database {name} template {template}", connection);
        await command.ExecuteNonQueryAsync();
        return name;
    }

    /// <summary>Stops the server at once, as a power cut would (fault tests); <see cref="RestartAsync"/> brings it back on its port.</summary>
    public static async Task StopImmediatelyAsync()
    {
        await Server.StopImmediatelyAsync();
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Starts the cluster again after <see cref="StopImmediatelyAsync"/> (crash recovery replays the WAL), on the same port.</summary>
    public static async Task RestartAsync()
    {
        var port = Server.Port;
        _server = await PostgresServer.StartAsync(Path.Combine(Folder, "postgres"));
        if (_server.Port != port) throw new InvalidOperationException($"The test cluster came back on port {_server.Port}, not {port}.");
    }

    public static DatabaseOptions OptionsFor(string database) => new() { OwnerConnectionString = Server.ConnectionString(database) };

    public static async Task StopAsync()
    {
        if (_server is null) return;
        NpgsqlConnection.ClearAllPools();
        await _server.StopAsync();
        _server = null;
        lock (SeededTemplates) SeededTemplates.Clear();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
