using Microsoft.Extensions.DependencyInjection;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Testing;

namespace RedSail.ApiTests;

internal static class Demo
{
    /// <summary>A host on a fresh copy of the demo institute, seeded once per run with every delivery made (<see cref="DemoInstitute"/>).</summary>
    public static Task<TestHost> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) =>
        DemoInstitute.StartAsync(settings, services);

    /// <summary>A fresh copy of the demo institute's database (<see cref="DemoInstitute"/>).</summary>
    public static Task<string> DatabaseAsync() => DemoInstitute.DatabaseAsync();

    /// <summary>
    /// Seeds the demo institute and waits until its organisations reached the platform, and its organisations, people and
    /// committees the read models of Workflow, Honors and Archives, through the outbox.
    /// </summary>
    public static async Task SeedAsync(TestHost host)
    {
        await host.SendAsync(new SeedDemoData());
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await host.ScalarAsync<bool>("""
                   select (select count(*) from platform.organization) = 56 and (select count(*) from workflow.organization) = 56
                      and (select count(*) from honors.organization) = 56 and (select count(*) from archives.organization) = 56
                      and (select count(*) from archives.person) = (select count(*) from personnel.person)
                      and (select count(*) from honors.person) = (select count(*) from personnel.person)
                      and (select count(*) from workflow.person) = (select count(*) from personnel.person)
                      and (select count(*) from workflow.committee_seat) = (select count(*) from personnel.committee_member where to_on is null)
                   """) && DateTime.UtcNow < deadline)
            await Task.Delay(50);
    }

    /// <summary>
    /// Waits until every module's outbox has delivered what is due, so that background deliveries (Analytics catching up on
    /// the demo's party work, say) do not change the state a test compares before and after.
    /// </summary>
    public static Task WaitForDeliveriesAsync(TestHost host) => Outboxes.DrainedAsync(host);

    /// <summary>Adds the demo's year of party work (meetings, recruitment, dues …) once the read model is complete (<see cref="SeedAsync"/>).</summary>
    public static Task SeedWorkflowAsync(TestHost host) => host.SendAsync(new RedSail.Modules.Workflow.Contracts.SeedWorkflowDemoData());

    /// <summary>Adds the demo archive (documents with their files) once the read model is complete (<see cref="SeedAsync"/>).</summary>
    public static Task<int> SeedArchivesAsync(TestHost host) => host.SendAsync(new RedSail.Modules.Archives.Contracts.SeedArchivesDemoData());

    /// <summary>Adds the demo's honours and representatives once the read model is complete (<see cref="SeedAsync"/>).</summary>
    public static Task SeedHonorsAsync(TestHost host) => host.SendAsync(new RedSail.Modules.Honors.Contracts.SeedHonorsDemoData());

    public static Task<Guid> RootAsync(TestHost host) => host.ScalarAsync<Guid>("select id from platform.organization where parent_id is null");

    public static Task<Guid> BranchAsync(TestHost host, string code) =>
        host.ScalarAsync<Guid>("select id from personnel.organization where code = @code", ("code", code));
}
