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

    public string RoleFor(string schema) => $"{RolePrefix}_{schema}";

    public string ConnectionStringFor(string schema, string password)
    {
        var builder = new NpgsqlConnectionStringBuilder(OwnerConnectionString)
        {
            Username = RoleFor(schema),
            Password = password,
            MaxPoolSize = MaxPoolSizePerModule,
            Timeout = PoolTimeoutSeconds,
            ApplicationName = $"redsail-{schema}",
        };
        return builder.ConnectionString;
    }
}
