using System.Net;
using Npgsql;
using NUnit.Framework;
using RedSail.Platform.Access;
using RedSail.Testing;

namespace RedSail.ApiTests;

/// <summary>A request that finds no free database connection in time is told "busy, retry later", not "server error".</summary>
public sealed class OverloadTests
{
    [Test]
    public async Task A_request_that_waits_too_long_for_a_connection_gets_503_with_retry_after()
    {
        await using var host = await Demo.StartAsync(new Dictionary<string, string?>
        {
            ["RedSail:Database:MaxPoolSizePerModule"] = "1",
            ["RedSail:Database:PoolTimeoutSeconds"] = "1",
        });
        // The scheduler's start-up firings take connections from the same one-connection pools: let them end first.
        await Scheduled.StartupFiringsDoneAsync(host);
        using var first = host.Client();
        using var second = host.Client();
        var root = await Demo.RootAsync(host);
        await first.SignInAsync(await host.CreateUserAsync(RoleCatalog.CommitteeAdmin, root));
        await second.SignInAsync(await host.CreateUserAsync(RoleCatalog.CommitteeAdmin, root));

        // The first request takes Personnel's only connection and waits on a lock; the second finds the pool empty.
        await using var blocker = new NpgsqlConnection(host.OwnerConnectionString);
        await blocker.OpenAsync();
        await using var tx = await blocker.BeginTransactionAsync();
        await new NpgsqlCommand("lock table personnel.person in access exclusive mode", blocker, tx).ExecuteNonQueryAsync();
        var held = first.GetAsync("/api/personnel/people");
        await Task.Delay(300);
        var busy = await second.GetAsync("/api/personnel/people");
        await tx.RollbackAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(busy.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(5)));
            await Problems.ExpectAsync(busy, HttpStatusCode.ServiceUnavailable, "busy");
            Assert.That((await held).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the request that held the connection completes once the lock is gone");
        });
    }
}
