using MediatR;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using RedSail.BuildingBlocks.Access;
using RedSail.BuildingBlocks.Scheduling;
using RedSail.Testing;

namespace RedSail.ApiTests;

/// <summary>
/// Workflow's daily re-publication of meeting quotas (<c>workflow.meeting-quotas</c>): on the demo institute without any party
/// work, no branch has recorded a meeting, so no quotas ever reached Analytics and the heat map knows nothing where the
/// compliance board shows red. After the job, every cell agrees; a second run publishes nothing new.
/// </summary>
public sealed class AnalyticsQuotaRepublicationTests : DemoInstituteTests
{
    private static readonly int Year = DateTime.UtcNow.AddHours(8).Year;

    /// <summary>Sends the job's command as the scheduler does: as the system, in a new scope.</summary>
    private async Task RunDailyJobAsync()
    {
        var job = Host.Services.GetServices<ScheduledCommand>().Single(j => j.Name == "workflow.meeting-quotas");
        await using var scope = Host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<RequestContext>().Principal = Principal.System;
        await job.Send(scope.ServiceProvider.GetRequiredService<IMediator>(), CancellationToken.None);
        await Demo.WaitForDeliveriesAsync(Host);
    }

    private async Task<(Dictionary<string, string> HeatMap, Dictionary<string, string> Board)> CellsAsync() => (
        AnalyticsMeetingsAndDuesTests.Cells(await Problems.JsonAsync(await Committee.GetAsync($"/api/analytics/compliance?year={Year}&pageSize=200"))),
        AnalyticsMeetingsAndDuesTests.Cells(await Problems.JsonAsync(await Committee.GetAsync($"/api/workflow/compliance?year={Year}&pageSize=200"))));

    private Task<long> PublishedAsync() =>
        Host.ScalarAsync<long>("select count(*) from workflow.outbox where event_type = 'MeetingQuotasCounted'");

    [Test]
    public async Task After_the_daily_job_a_branch_without_meetings_shows_on_the_heat_map_as_on_the_compliance_board()
    {
        await Demo.WaitForDeliveriesAsync(Host);
        var before = await CellsAsync();
        await RunDailyJobAsync();
        var published = await PublishedAsync();
        var after = await CellsAsync();
        await RunDailyJobAsync();
        var branchCells = after.Board.Where(c => c.Key.StartsWith(Branch.ToString())).Select(c => c.Value).ToList();

        Assert.Multiple(async () =>
        {
            Assert.That(await Host.ScalarAsync<long>("select count(*) from workflow.meeting"), Is.Zero, "no branch recorded a meeting");
            Assert.That(before.HeatMap, Is.Not.EquivalentTo(before.Board), "without the job the heat map does not know the quotas");
            Assert.That(after.HeatMap, Is.EquivalentTo(after.Board));
            Assert.That(branchCells.Select(c => c[..c.IndexOf(':')]), Does.Contain("red"), "RS-01 held nothing in months already over");
            Assert.That(published, Is.EqualTo(await Host.ScalarAsync<long>(
                "select count(*) from workflow.organization where status = 'active' and type in ('branch', 'joint_branch', 'temporary_branch', 'general_branch')")));
            Assert.That(await PublishedAsync(), Is.EqualTo(published), "nothing changed, nothing republished");
        });
    }
}
