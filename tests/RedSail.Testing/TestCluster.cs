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
    public static async Task<string> CreateDatabaseAsync()
    {
        await StartAsync();
        var name = "t_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(Server.ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"create database {name} template {Template}", connection);
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
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
