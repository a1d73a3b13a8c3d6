using RedSail.Modules.Personnel.Contracts;
using RedSail.Testing;

namespace RedSail.ApiTests;

internal static class Demo
{
    /// <summary>Seeds the demo institute and waits until its organisations reached the platform through the outbox.</summary>
    public static async Task SeedAsync(TestHost host)
    {
        await host.SendAsync(new SeedDemoData());
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await host.ScalarAsync<long>("select count(*) from platform.organization") < 56 && DateTime.UtcNow < deadline)
            await Task.Delay(50);
    }

    public static Task<Guid> RootAsync(TestHost host) => host.ScalarAsync<Guid>("select id from platform.organization where parent_id is null");

    public static Task<Guid> BranchAsync(TestHost host, string code) =>
        host.ScalarAsync<Guid>("select id from personnel.organization where code = @code", ("code", code));
}
