using NUnit.Framework;
using RedSail.Testing;

namespace RedSail.BrowserTests;

/// <summary>Starts the run's throwaway PostgreSQL cluster once and removes it at the end.</summary>
[SetUpFixture]
public sealed class TestRun
{
    [OneTimeSetUp]
    public Task Start() => TestCluster.StartAsync();

    [OneTimeTearDown]
    public Task Stop() => TestCluster.StopAsync();
}
