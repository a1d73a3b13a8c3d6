using RedSail.BuildingBlocks.Data;
using RedSail.BuildingBlocks.Security;
using RedSail.Migrations;

namespace RedSail.Host.Startup;

/// <summary>
/// Finds or makes the database before the app starts: with <c>ConnectionStrings:RedSail</c> it uses that
/// server; without, it runs the embedded default, a private cluster under <c>RedSail:DataPath</c>.
/// Either way it provisions roles and schemas and migrates, idempotently.
/// </summary>
public sealed class DatabaseBootstrap : IAsyncDisposable
{
    private DatabaseBootstrap(DatabaseOptions options, KeyRing keys, PostgresServer? embedded)
    {
        Options = options;
        Keys = keys;
        Embedded = embedded;
    }

    public DatabaseOptions Options { get; }
    public KeyRing Keys { get; }
    public PostgresServer? Embedded { get; }
    public bool IsEmbedded => Embedded is not null;

    public static async Task<DatabaseBootstrap> PrepareAsync(IConfiguration configuration, ILogger log)
    {
        var dataPath = Path.GetFullPath(configuration["RedSail:DataPath"] ?? ".redsail");
        var keys = KeyRing.LoadOrCreate(configuration["RedSail:KeyRingPath"] ?? Path.Combine(dataPath, "keys", "keyring.json"));
        var configured = configuration.GetConnectionString("RedSail");
        PostgresServer? embedded = null;
        string owner;
        if (string.IsNullOrWhiteSpace(configured))
        {
            log.LogInformation("No ConnectionStrings:RedSail: starting the embedded PostgreSQL cluster in {Path}", Path.Combine(dataPath, "postgres"));
            embedded = await PostgresServer.StartAsync(Path.Combine(dataPath, "postgres"));
            owner = embedded.ConnectionString("redsail");
            log.LogInformation("Embedded PostgreSQL listening on 127.0.0.1:{Port}", embedded.Port);
        }
        else owner = configured;

        var options = new DatabaseOptions
        {
            OwnerConnectionString = owner,
            RolePrefix = configuration["RedSail:Database:RolePrefix"] ?? "redsail",
            MaxPoolSizePerModule = configuration.GetValue("RedSail:Database:MaxPoolSizePerModule", 8),
            PoolTimeoutSeconds = configuration.GetValue("RedSail:Database:PoolTimeoutSeconds", 15),
            BackgroundPoolSizePerModule = configuration.GetValue("RedSail:Database:BackgroundPoolSizePerModule", 3),
        };
        await new DatabaseProvisioner(options, keys).ProvisionAsync(SchemaMigrator.Schemas, SchemaMigrator.MigrateAsync);
        return new DatabaseBootstrap(options, keys, embedded);
    }

    public async ValueTask DisposeAsync()
    {
        if (Embedded is not null) await Embedded.StopAsync();
    }
}
