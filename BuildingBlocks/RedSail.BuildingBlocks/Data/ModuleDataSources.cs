using System.Collections.Concurrent;
using Npgsql;
using RedSail.BuildingBlocks.Security;

namespace RedSail.BuildingBlocks.Data;

/// <summary>One <see cref="NpgsqlDataSource"/> per schema, each logging in as that schema's role.</summary>
public sealed class ModuleDataSources(DatabaseOptions options, KeyRing keys) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, NpgsqlDataSource> _sources = new();

    public NpgsqlDataSource For(string schema) =>
        _sources.GetOrAdd(schema, s => NpgsqlDataSource.Create(options.ConnectionStringFor(s, keys.DatabaseRolePassword(options.RoleFor(s)))));

    /// <summary>A connection of the schema's role outside its pool, for a session that must last as long as the process.</summary>
    public NpgsqlConnection DedicatedConnection(string schema) => new(new NpgsqlConnectionStringBuilder(
        options.ConnectionStringFor(schema, keys.DatabaseRolePassword(options.RoleFor(schema)))) { Pooling = false }.ConnectionString);

    public async ValueTask DisposeAsync()
    {
        foreach (var source in _sources.Values) await source.DisposeAsync();
        _sources.Clear();
    }
}
