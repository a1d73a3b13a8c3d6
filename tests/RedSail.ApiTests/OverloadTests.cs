using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RedSail.BuildingBlocks.Data;
using NUnit.Framework;
using RedSail.Platform.Access;
using RedSail.Testing;

namespace RedSail.ApiTests;

/// <summary>
/// A request that finds no free database connection in time is told "busy, retry later", not "server error"; and background work
/// (event deliveries, scheduled jobs) has connections of its own, so it neither waits for the requests' nor takes them.
/// </summary>
public sealed class OverloadTests
{
    /// <summary>The demo institute with one request connection per module, given up after a second's wait.</summary>
    private static Task<TestHost> StartWithOneRequestConnectionPerModuleAsync() => Demo.StartAsync(new Dictionary<string, string?>
    {
        ["RedSail:Database:MaxPoolSizePerModule"] = "1",
        ["RedSail:Database:PoolTimeoutSeconds"] = "1",
    });

    [Test]
    public async Task An_event_is_delivered_while_every_request_connection_of_its_receiver_is_taken()
    {
        await using var host = await StartWithOneRequestConnectionPerModuleAsync();
        using var committee = host.Client();
        await committee.SignInAsync(await host.CreateUserAsync(RoleCatalog.CommitteeAdmin, await Demo.RootAsync(host)));
        var branch = await host.ScalarAsync<Guid>("select id from personnel.organization where type = 'branch' order by code limit 1");
        var version = await host.ScalarAsync<long>("select version from personnel.organization where id = @branch", ("branch", branch));

        // Workflow's one request connection is held (as by a slow request) while Personnel's rename is delivered to Workflow.
        await using var held = await host.Services.GetRequiredService<ModuleDataSources>().For("workflow").OpenConnectionAsync();
        using (var renamed = await committee.PostAsync($"/api/personnel/organizations/{branch}/rename",
                   new { name = "更名后的第一党支部", effectiveOn = DateOnly.FromDateTime(DateTime.Today), reason = "测试", version }))
            Assert.That(renamed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await Eventually.HoldsAsync(async () => await host.ScalarAsync<string>(
            "select name from workflow.organization where id = @branch", ("branch", branch)) == "更名后的第一党支部", 10000), Is.True,
            "Workflow's copy follows although no request connection of Workflow's was free");
    }

    [Test]
    public async Task A_request_that_waits_too_long_for_a_connection_gets_503_with_retry_after()
    {
        await using var host = await StartWithOneRequestConnectionPerModuleAsync();
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
