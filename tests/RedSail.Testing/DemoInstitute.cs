using RedSail.Modules.Personnel.Contracts;

namespace RedSail.Testing;

/// <summary>The demo institute (红帆研究院: 56 organisations with their people and committees) as most fixtures start from it.</summary>
public static class DemoInstitute
{
    /// <summary>
    /// A fresh database holding the demo institute after every module's outbox delivered it (so the read models of the other
    /// modules are complete and nothing arrives later): seeded once per run and copied for each fixture
    /// (<see cref="TestCluster.CreateSeededDatabaseAsync"/>) instead of seeded again.
    /// </summary>
    /// <remarks>
    /// A host sends its interval commands (to-dos, dues months, term deadlines …) a few seconds after it starts. On a fresh
    /// database that firing met an empty or half-seeded institute; on a copy it would meet the whole one and change it under the
    /// fixture's first tests. So the copy holds their effect already (they are idempotent: sent again, they change nothing).
    /// </remarks>
    public static Task<string> DatabaseAsync() => TestCluster.CreateSeededDatabaseAsync("demo", async host =>
    {
        await host.SendAsync(new SeedDemoData());
        await Outboxes.DrainedAsync(host);
        await Scheduled.StartupFiringsDoneAsync(host);
        await Scheduled.SendIntervalCommandsAsync(host);
        await Outboxes.DrainedAsync(host);
    });

    /// <summary>A host on a fresh copy of the demo institute (<see cref="DatabaseAsync"/>).</summary>
    public static async Task<TestHost> StartAsync(IDictionary<string, string?>? settings = null,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null) =>
        await TestHost.StartAsync(await DatabaseAsync(), settings, services);
}
