using NUnit.Framework;
using RedSail.Platform.Access;
using RedSail.Testing;

namespace RedSail.ApiTests;

/// <summary>
/// A fixture's fresh host with the demo institute seeded, its first branch (RS-01) and a signed-in committee
/// administrator over the whole tree: what most Personnel API tests start from.
/// </summary>
public abstract class DemoInstituteTests
{
    protected TestHost Host { get; private set; } = null!;
    protected ApiClient Committee { get; private set; } = null!;
    protected Guid Branch { get; private set; }

    [OneTimeSetUp]
    public async Task StartDemoInstitute()
    {
        Host = await Demo.StartAsync();
        Branch = await Demo.BranchAsync(Host, "RS-01");
        Committee = Host.Client();
        await Committee.SignInAsync(await Host.CreateUserAsync(RoleCatalog.CommitteeAdmin, await Demo.RootAsync(Host)));
    }

    [OneTimeTearDown]
    public async Task StopDemoInstitute()
    {
        Committee.Dispose();
        await Host.DisposeAsync();
    }
}
