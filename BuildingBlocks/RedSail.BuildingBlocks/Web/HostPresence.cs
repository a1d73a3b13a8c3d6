using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using RedSail.BuildingBlocks.Data;

namespace RedSail.BuildingBlocks.Web;

/// <summary>
/// Which hosts sharing the database are alive: each holds a session-level advisory lock on its own instance id for as long as
/// it runs, on a connection of its own (not a pooled one), and PostgreSQL releases it with the session when the process dies.
/// So "is the host that reserved this Idempotency-Key still there?" is one question to the database, with no heartbeat
/// table and no clock to trust. The connection is checked every second and opened again (with the same lock) if it broke.
/// </summary>
public sealed class HostPresence(ModuleDataSources sources, ILogger<HostPresence> log) : BackgroundService
{
    /// <summary>The first half of every presence lock's two-int key ("RSHP"), apart from every other advisory lock.</summary>
    private const int LockSpace = 0x5253_4850;

    public Guid InstanceId { get; } = Guid.NewGuid();

    /// <summary>The second half of the key: 32 bits of the instance id (two live hosts share one with odds of 1 in 4 billion).</summary>
    private static int KeyOf(Guid instance) => BitConverter.ToInt32(instance.ToByteArray(), 0);

    /// <summary>Whether a host holds its presence lock now (autocommit: a lock taken here is released at once).</summary>
    public static async Task<bool> IsAliveAsync(NpgsqlConnection connection, Guid instance, CancellationToken ct) =>
        !await connection.ExecuteScalarAsync<bool>(new CommandDefinition("select pg_try_advisory_xact_lock(@space, @key)",
            new { space = LockSpace, key = KeyOf(instance) }, cancellationToken: ct));

    private NpgsqlConnection? _connection;

    /// <summary>Takes the lock before the host serves anything, so no reservation of this host is ever made without it.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _connection = await HoldAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                _connection ??= await HoldAsync(stoppingToken);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                await _connection.ExecuteAsync(new CommandDefinition("select 1", cancellationToken: stoppingToken));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogWarning(e, "Host presence connection lost; opening it again");
                if (_connection is not null) await _connection.DisposeAsync();
                _connection = null;
                try { await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    private async Task<NpgsqlConnection> HoldAsync(CancellationToken ct)
    {
        var connection = sources.DedicatedConnection(IdempotencyKeys.Schema);
        await connection.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("select pg_advisory_lock(@space, @key)",
            new { space = LockSpace, key = KeyOf(InstanceId) }, cancellationToken: ct));
        return connection;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_connection is not null) await _connection.DisposeAsync();
    }
}
