using System.Diagnostics;
using Npgsql;
using NUnit.Framework;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Platform.Access;
using RedSail.Testing;

namespace RedSail.FaultTests;

/// <summary>
/// The run's cluster, one database seeded with the demo institute and a committee administrator, then production durability
/// (fsync, full page writes, synchronous commit: the test cluster's speed settings would lose acknowledged commits on an
/// immediate stop), and the report at the end. Each scenario clones the seeded database.
/// </summary>
[SetUpFixture]
public sealed class FaultRun
{
    private static string _seeded = "";
    private static readonly Stopwatch Watch = new();
    public static TestUser Committee { get; private set; } = null!;
    private static TimeSpan _setup;

    [OneTimeSetUp]
    public async Task Start()
    {
        Watch.Start();
        await TestCluster.StartAsync();
        var template = await TestCluster.CreateDatabaseAsync();
        await using (var host = await TestHost.StartAsync(template))
        {
            await host.SendAsync(new SeedDemoData());
            if (!await Eventually.HoldsAsync(async () => await Undelivered(host.OwnerConnectionString) == 0, 120_000))
                throw new InvalidOperationException("The demo's events were not delivered in 2 minutes.");
            Committee = await host.CreateUserAsync(RoleCatalog.CommitteeAdmin, await host.ScalarAsync<Guid>("select id from platform.organization where parent_id is null"));
        }
        _seeded = template;
        // Seeding ran with the test cluster's speed settings; from here on, production durability, made effective for what is
        // already written by a checkpoint.
        foreach (var setting in new[] { "fsync", "full_page_writes", "synchronous_commit" })
            await ExecuteAsync("postgres", $"alter system set {setting} = on"); // one by one: ALTER SYSTEM refuses a transaction block
        await ExecuteAsync("postgres", "select pg_reload_conf()");
        await ExecuteAsync("postgres", "checkpoint");
        _setup = Watch.Elapsed;
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        FaultReport.Write(Watch.Elapsed, _setup);
        await TestCluster.StopAsync();
    }

    /// <summary>A copy of the seeded database for one scenario.</summary>
    public static async Task<string> CloneSeededAsync()
    {
        var name = "f_" + Guid.NewGuid().ToString("N")[..12];
        NpgsqlConnection.ClearAllPools();
        // a template must have no sessions; the seeding host's pools may linger a moment after it stopped
        await ExecuteAsync("postgres", $"select pg_terminate_backend(pid) from pg_stat_activity where datname = '{_seeded}' and pid <> pg_backend_pid()");
        await ExecuteAsync("postgres", $"create database {name} template {_seeded}");
        return name;
    }

    /// <summary>Deliveries not yet made (neither delivered nor parked), over every module's outbox.</summary>
    public static async Task<long> Undelivered(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var schemas = new List<string>();
        await using (var list = new NpgsqlCommand("select table_schema from information_schema.tables where table_name = 'outbox_delivery'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) schemas.Add(reader.GetString(0));
        var sql = string.Join(" + ", schemas.Select(s => $"(select count(*) from {s}.outbox_delivery where delivered_at is null and parked_at is null)"));
        await using var command = new NpgsqlCommand("select " + sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(TestCluster.Server.ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
