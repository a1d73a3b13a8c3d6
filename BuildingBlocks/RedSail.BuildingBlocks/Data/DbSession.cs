using System.Data;
using Dapper;
using Npgsql;
using RedSail.BuildingBlocks.Events;

namespace RedSail.BuildingBlocks.Data;

/// <summary>
/// A module's connection for one request scope. The transaction behaviour opens the transaction; handlers
/// run their Dapper SQL through these methods, so every statement joins it. Each module derives one sealed
/// type from this, bound to the data source of the module's own PostgreSQL role.
/// </summary>
public abstract class DbSession(NpgsqlDataSource dataSource, string schema, OutboxWriter outbox) : IAsyncDisposable
{
    private NpgsqlConnection? _connection;

    public string Schema { get; } = schema;
    public NpgsqlTransaction? Transaction { get; private set; }
    internal bool WroteEvents { get; private set; }

    public async ValueTask<NpgsqlConnection> ConnectionAsync(CancellationToken ct = default)
    {
        if (_connection is null)
        {
            _connection = dataSource.CreateConnection();
            await _connection.OpenAsync(ct);
        }
        return _connection;
    }

    public async Task BeginAsync(bool readOnly, CancellationToken ct)
    {
        if (Transaction is not null) return;
        var connection = await ConnectionAsync(ct);
        Transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        if (readOnly) await ExecuteAsync("set transaction read only", null, ct);
    }

    public async Task CommitAsync(CancellationToken ct)
    {
        if (Transaction is null) return;
        await Transaction.CommitAsync(ct);
        await Transaction.DisposeAsync();
        Transaction = null;
    }

    public async Task RollbackAsync()
    {
        if (Transaction is null) return;
        try { await Transaction.RollbackAsync(); }
        finally
        {
            await Transaction.DisposeAsync();
            Transaction = null;
        }
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? args = null, CancellationToken ct = default)
    {
        var connection = await ConnectionAsync(ct);
        return (await connection.QueryAsync<T>(Command(sql, args, ct))).AsList();
    }

    public async Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? args = null, CancellationToken ct = default)
    {
        var connection = await ConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<T>(Command(sql, args, ct));
    }

    public async Task<T> QuerySingleAsync<T>(string sql, object? args = null, CancellationToken ct = default)
    {
        var connection = await ConnectionAsync(ct);
        return await connection.QuerySingleAsync<T>(Command(sql, args, ct));
    }

    public async Task<SqlMapper.GridReader> QueryMultipleAsync(string sql, object? args = null, CancellationToken ct = default)
    {
        var connection = await ConnectionAsync(ct);
        return await connection.QueryMultipleAsync(Command(sql, args, ct));
    }

    public async Task<int> ExecuteAsync(string sql, object? args = null, CancellationToken ct = default)
    {
        var connection = await ConnectionAsync(ct);
        return await connection.ExecuteAsync(Command(sql, args, ct));
    }

    public async Task<T?> ExecuteScalarAsync<T>(string sql, object? args = null, CancellationToken ct = default)
    {
        var connection = await ConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<T>(Command(sql, args, ct));
    }

    /// <summary>
    /// Records an integration event in this module's outbox, in the current transaction: the event exists
    /// exactly when the change that raised it does.
    /// </summary>
    public async Task PublishAsync(IntegrationEvent integrationEvent, CancellationToken ct = default)
    {
        if (Transaction is null)
            throw new InvalidOperationException("Integration events can only be published inside a command's transaction.");
        await outbox.WriteAsync(this, [integrationEvent], ct);
        WroteEvents = true;
    }

    public async Task PublishAsync(IReadOnlyCollection<IntegrationEvent> integrationEvents, CancellationToken ct = default)
    {
        if (integrationEvents.Count == 0) return;
        if (Transaction is null)
            throw new InvalidOperationException("Integration events can only be published inside a command's transaction.");
        await outbox.WriteAsync(this, integrationEvents, ct);
        WroteEvents = true;
    }

    // Dapper reads a one-word statement as a stored procedure unless told otherwise.
    private CommandDefinition Command(string sql, object? args, CancellationToken ct) =>
        new(sql, args, Transaction, commandType: CommandType.Text, cancellationToken: ct);

    public async ValueTask DisposeAsync()
    {
        if (Transaction is not null) await RollbackAsync();
        if (_connection is not null) await _connection.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
