using MediatR;
using Microsoft.Extensions.DependencyInjection;
using RedSail.BuildingBlocks.Access;
using RedSail.BuildingBlocks.Scheduling;

namespace RedSail.Testing;

/// <summary>The scheduled commands a host sends by itself: those with an interval first fire a few seconds after every start.</summary>
public static class Scheduled
{
    /// <summary>
    /// Waits until every interval command has fired once since the host started (its next firing is then an interval away,
    /// a minute or more) and no firing is running: from then on nothing the scheduler does changes the state under a test.
    /// </summary>
    public static async Task StartupFiringsDoneAsync(TestHost host)
    {
        var done = await Eventually.HoldsAsync(() => host.ScalarAsync<bool>("""
            select not exists (select 1 from platform.qrtz_triggers where trigger_type = 'SIMPLE' and next_fire_time < @soon)
               and not exists (select 1 from platform.qrtz_fired_triggers)
            """, ("soon", DateTime.UtcNow.AddSeconds(30).Ticks)), 60_000);
        if (!done) throw new TimeoutException("The scheduler's start-up firings did not end within a minute.");
    }

    /// <summary>Sends every interval command once, as the scheduler does shortly after a start (as the system, one at a time).</summary>
    public static async Task SendIntervalCommandsAsync(TestHost host)
    {
        foreach (var command in host.Services.GetServices<ScheduledCommand>().Where(c => c.Every is not null))
        {
            await using var scope = host.Services.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
            context.Principal = Principal.System;
            context.SourceAddress = "scheduler";
            await command.Send(scope.ServiceProvider.GetRequiredService<IMediator>(), CancellationToken.None);
        }
    }
}
