using Npgsql;

namespace RedSail.BuildingBlocks.Data;

/// <summary>
/// Where the database is. <see cref="OwnerConnectionString"/> owns the schemas and runs migrations; at run
/// time each module connects as its own login role (<c>{RolePrefix}_{schema}</c>) that can use only its schema.
/// </summary>
public sealed class DatabaseOptions
{
    public required string OwnerConnectionString { get; init; }
    public string RolePrefix { get; init; } = "redsail";

    /// <summary>Connections per module pool. The baseline measured that a pool near the core count keeps tail latency low.</summary>
    public int MaxPoolSizePerModule { get; init; } = 8;

    /// <summary>How long a request waits for a free pooled connection before it is answered 503 "busy, retry" (seconds).</summary>
    public int PoolTimeoutSeconds { get; init; } = 15;

    /// <summary>
    /// Connections per module pool for background work (outbox deliveries, scheduled commands, folders): a pool of its own, so
    /// that a burst of it (a refresh that opens 370,000 to-dos, their deliveries) never holds the connections requests wait for.
    /// </summary>
    public int BackgroundPoolSizePerModule { get; init; } = 3;

    /// <summary>Background work may wait longer for a connection than a request: nobody is waiting for its answer.</summary>
    public int BackgroundPoolTimeoutSeconds { get; init; } = 120;

    public string RoleFor(string schema) => $"{RolePrefix}_{schema}";

    /// <summary>The connection string of the schema's role: the request pool's, or with <paramref name="background"/> the background pool's.</summary>
    public string ConnectionStringFor(string schema, string password, bool background = false)
    {
        var builder = new NpgsqlConnectionStringBuilder(OwnerConnectionString)
        {
            Username = RoleFor(schema),
            Password = password,
            MaxPoolSize = background ? BackgroundPoolSizePerModule : MaxPoolSizePerModule,
            Timeout = background ? BackgroundPoolTimeoutSeconds : PoolTimeoutSeconds,
            ApplicationName = background ? $"redsail-{schema}-background" : $"redsail-{schema}",
        };
        // Background work repeats a few statements without end (every second's claims over every outbox, a projection batch's
        // half-dozen statements), so its connections keep them prepared. They still plan every execution for its parameters
        // (force_custom_plan): a generic plan is made from the statistics of one moment with the parameters unknown, and one
        // such plan scanned a table that had grown since (ADR 0019). Work whose generic plans were measured at scale turns them
        // on for its transaction (Analytics' batches). Requests are not prepared at all.
        if (background)
        {
            builder.MaxAutoPrepare = 100;
            builder.Options = $"{builder.Options} -c plan_cache_mode=force_custom_plan".Trim();
        }
        return builder.ConnectionString;
    }
}
