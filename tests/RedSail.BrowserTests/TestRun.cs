using NUnit.Framework;
using RedSail.Testing;

namespace RedSail.BrowserTests;

/// <summary>Starts the run's throwaway PostgreSQL cluster once and removes it, and the shared Chromium, at the end.</summary>
[SetUpFixture]
public sealed class TestRun
{
    [OneTimeSetUp]
    public Task Start() => TestCluster.StartAsync();

    [OneTimeTearDown]
    public async Task Stop()
    {
        await SharedBrowser.CloseAsync();
        await TestCluster.StopAsync();
    }
}
