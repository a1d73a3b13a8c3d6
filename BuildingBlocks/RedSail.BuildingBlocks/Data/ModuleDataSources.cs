using System.Collections.Concurrent;
using Npgsql;
using RedSail.BuildingBlocks.Access;
using RedSail.BuildingBlocks.Security;

namespace RedSail.BuildingBlocks.Data;

/// <summary>
/// Two <see cref="NpgsqlDataSource"/>s per schema, each logging in as that schema's role: one pool for requests, one for
/// background work (<see cref="DatabaseOptions.BackgroundPoolSizePerModule"/>), so neither can take the other's connections.
/// </summary>
public sealed class ModuleDataSources(DatabaseOptions options, KeyRing keys) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<(string Schema, bool Background), NpgsqlDataSource> _sources = new();

    /// <summary>The schema's pool for requests.</summary>
    public NpgsqlDataSource For(string schema) => Source(schema, background: false);

    /// <summary>The schema's pool for background work: outbox deliveries, scheduled commands, folders (<see cref="Principal.System"/>).</summary>
    public NpgsqlDataSource ForBackground(string schema) => Source(schema, background: true);

    private NpgsqlDataSource Source(string schema, bool background) => _sources.GetOrAdd((schema, background),
        key => NpgsqlDataSource.Create(options.ConnectionStringFor(key.Schema, keys.DatabaseRolePassword(options.RoleFor(key.Schema)), key.Background)));

    /// <summary>A connection of the schema's role outside its pool, for a session that must last as long as the process.</summary>
    public NpgsqlConnection DedicatedConnection(string schema) => new(new NpgsqlConnectionStringBuilder(
        options.ConnectionStringFor(schema, keys.DatabaseRolePassword(options.RoleFor(schema)))) { Pooling = false }.ConnectionString);

    public async ValueTask DisposeAsync()
    {
        foreach (var source in _sources.Values) await source.DisposeAsync();
        _sources.Clear();
    }
}
