using RedSail.BuildingBlocks.Data;

namespace RedSail.BuildingBlocks.Modules;

/// <summary>
/// One area's share of a module's demo data: it adds its rows with set-based SQL over the module's own tables and read
/// models, deterministic for a seed and dated relative to today. A module's parts run in <see cref="Order"/> (a later part
/// may read an earlier one's rows); <see cref="ModuleRegistration.AddModule{TSession}"/> finds them in the module.
/// </summary>
public interface IDemoPart<in TSession> where TSession : DbSession
{
    int Order { get; }
    Task<int> SeedAsync(TSession db, int seed, DateOnly today, CancellationToken ct);
}

public static class DemoSeeding
{
    /// <summary>
    /// Runs a module's demo parts once per database (<c>&lt;schema&gt;.demo_seed</c> remembers the seed; a second call adds
    /// nothing and returns 0). Returns the number of rows added.
    /// </summary>
    public static async Task<int> RunOnceAsync<TSession>(TSession db, IEnumerable<IDemoPart<TSession>> parts, int seed, DateOnly today,
        CancellationToken ct) where TSession : DbSession
    {
        if (await db.ExecuteScalarAsync<bool>($"select exists (select 1 from {db.Schema}.demo_seed)", null, ct)) return 0;
        await db.ExecuteAsync($"insert into {db.Schema}.demo_seed (seed) values (@seed)", new { seed }, ct);
        var added = 0;
        foreach (var part in parts.OrderBy(p => p.Order)) added += await part.SeedAsync(db, seed, today, ct);
        return added;
    }
}
