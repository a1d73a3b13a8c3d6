using System.Data;
using Dapper;
using Npgsql;
using RedSail.BuildingBlocks.Access;
using RedSail.BuildingBlocks.Events;

namespace RedSail.BuildingBlocks.Data;

/// <summary>
/// A module's connection for one request scope. The transaction behaviour opens the transaction; handlers
/// run their Dapper SQL through these methods, so every statement joins it. Each module derives one sealed
/// type from this, bound to the data sources of the module's own PostgreSQL role: the request pool, or for work done as
/// <see cref="Principal.System"/> (deliveries, scheduled commands) the background pool.
/// </summary>
public abstract class DbSession(ModuleDataSources sources, string schema, OutboxWriter outbox, RequestContext context) : IAsyncDisposable
{
    // Around each command of a query: its own read-only transaction, in the same batch as its statements (no round trip
    // of its own). A write is refused by the server (SQLSTATE 25006). The newline ends a trailing line comment.
    private const string ReadOnlyBegin = "begin read only;\n";
    private const string ReadOnlyEnd = "\n;commit";

    private NpgsqlConnection? _connection;
    private bool _readOnly;
    private List<Action>? _afterCommit;

    public string Schema { get; } = schema;
    public NpgsqlTransaction? Transaction { get; private set; }
    internal bool WroteEvents { get; private set; }

    public async ValueTask<NpgsqlConnection> ConnectionAsync(CancellationToken ct = default)
    {
        if (_connection is null)
        {
            // Chosen at the first statement: by then the scope's principal is set (the dispatcher and the scheduler set it first).
            var dataSource = context.Principal.IsSystem ? sources.ForBackground(Schema) : sources.For(Schema);
            _connection = dataSource.CreateConnection();
            await _connection.OpenAsync(ct);
        }
        return _connection;
    }

    /// <summary>
    /// A command opens a read-committed transaction. A query opens none: each of its commands runs in a read-only
    /// transaction of its own, begun and committed in the command's own batch (<see cref="ReadOnlyBegin"/>). Read committed
    /// takes a new snapshot per statement either way, so a query sees what it saw before, without the round trips of a
    /// separate SET TRANSACTION and COMMIT (two of five for a page of the people list, docs/benchmarks.md).
    /// </summary>
    public async Task BeginAsync(bool readOnly, CancellationToken ct)
    {
        if (Transaction is not null) return;
        _readOnly = readOnly;
        if (readOnly) return;
        var connection = await ConnectionAsync(ct);
        Transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
    }

    /// <summary>Runs <paramref name="action"/> once the command's transaction has committed (e.g. to drop a cached copy of what it changed).</summary>
    public void AfterCommit(Action action)
    {
        if (Transaction is null) throw new InvalidOperationException("Only a command's transaction commits.");
        (_afterCommit ??= []).Add(action);
    }

    public async Task CommitAsync(CancellationToken ct)
    {
        if (Transaction is null) return;
        await Transaction.CommitAsync(ct);
        await Transaction.DisposeAsync();
        Transaction = null;
        var actions = _afterCommit;
        _afterCommit = null;
        foreach (var action in actions ?? []) action();
    }

    public async Task RollbackAsync()
    {
        _afterCommit = null;
        if (Transaction is null) return;
        try { await Transaction.RollbackAsync(); }
        finally
        {
            await Transaction.DisposeAsync();
            Transaction = null;
        }
    }

    public Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? args = null, CancellationToken ct = default) =>
        RunAsync<IReadOnlyList<T>>(async c => (await c.QueryAsync<T>(Command(sql, args, ct))).AsList(), ct);

    public Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? args = null, CancellationToken ct = default) =>
        RunAsync(c => c.QuerySingleOrDefaultAsync<T>(Command(sql, args, ct)), ct);

    public Task<T> QuerySingleAsync<T>(string sql, object? args = null, CancellationToken ct = default) =>
        RunAsync(c => c.QuerySingleAsync<T>(Command(sql, args, ct)), ct);

    /// <remarks>In a query, an error in a later statement surfaces while reading the grid; the request then fails, and the
    /// connection's open transaction is rolled back when it goes back to the pool.</remarks>
    public Task<SqlMapper.GridReader> QueryMultipleAsync(string sql, object? args = null, CancellationToken ct = default) =>
        RunAsync(c => c.QueryMultipleAsync(Command(sql, args, ct)), ct);

    public Task<int> ExecuteAsync(string sql, object? args = null, CancellationToken ct = default) =>
        RunAsync(c => c.ExecuteAsync(Command(sql, args, ct)), ct);

    public Task<T?> ExecuteScalarAsync<T>(string sql, object? args = null, CancellationToken ct = default) =>
        RunAsync(c => c.ExecuteScalarAsync<T>(Command(sql, args, ct)), ct);

    /// <summary>
    /// Runs a statement batch on the connection. A query's batch that failed stopped inside its own transaction block:
    /// it is rolled back here, so that the connection stays usable for the rest of the request.
    /// </summary>
    private async Task<T> RunAsync<T>(Func<NpgsqlConnection, Task<T>> run, CancellationToken ct)
    {
        var connection = await ConnectionAsync(ct);
        if (!_readOnly || Transaction is not null) return await run(connection);
        try
        {
            return await run(connection);
        }
        catch (PostgresException)
        {
            try
            {
                await using var rollback = new NpgsqlCommand("rollback", connection);
                await rollback.ExecuteNonQueryAsync(CancellationToken.None);
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                // The connection is broken: the pool discards it; the original error is the one to report.
            }
            throw;
        }
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

    /// <summary>
    /// How long one statement may run (seconds); null is Npgsql's 30. Batch work over the whole tree (quarterly supervision
    /// at national scale) raises it for its own session; requests keep the default.
    /// </summary>
    public int? CommandTimeoutSeconds { get; set; }

    // Dapper reads a one-word statement as a stored procedure unless told otherwise.
    private CommandDefinition Command(string sql, object? args, CancellationToken ct) =>
        new(_readOnly && Transaction is null ? ReadOnlyBegin + sql.TrimEnd().TrimEnd(';') + ReadOnlyEnd : sql, args, Transaction,
            CommandTimeoutSeconds, CommandType.Text, cancellationToken: ct);

    public async ValueTask DisposeAsync()
    {
        if (Transaction is not null) await RollbackAsync();
        if (_connection is not null) await _connection.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
