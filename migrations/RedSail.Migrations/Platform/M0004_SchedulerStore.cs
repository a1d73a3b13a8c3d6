using FluentMigrator;

namespace RedSail.Migrations.Platform;

/// <summary>
/// The clustered Quartz scheduler's job store (tables <c>platform.qrtz_*</c>), from the schema script Quartz ships for
/// PostgreSQL, so the tables are exactly the ones this Quartz version expects (ADR 0013). The script only creates what is
/// missing; a Quartz upgrade that needs more adds a migration running it again.
/// </summary>
[Migration(4, "platform: the scheduler's job store (Quartz, clustered)")]
public sealed class M0004_SchedulerStore : Migration
{
    private const string Script = "Quartz.Impl.AdoJobStore.Schema.create_postgres.sql";

    public override void Up()
    {
        using var stream = typeof(Quartz.IJob).Assembly.GetManifestResourceStream(Script)
            ?? throw new InvalidOperationException($"Quartz no longer ships {Script}");
        using var reader = new StreamReader(stream);
        // {0} is the qualified table prefix, {1} the same without the schema (index and constraint names).
        var sql = reader.ReadToEnd().Replace("{0}", "platform.qrtz_").Replace("{1}", "qrtz_");
        foreach (var statement in sql.Split("\n--;;", StringSplitOptions.RemoveEmptyEntries))
            if (statement.Split('\n').Any(line => line.Trim() is { Length: > 0 } text && !text.StartsWith("--")))
                Execute.Sql(statement);
    }

    public override void Down() => throw new NotSupportedException("Migrations go forward only.");
}
