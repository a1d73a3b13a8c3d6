using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;
using RedSail.BuildingBlocks.Access;
using RedSail.BuildingBlocks.Data;
using RedSail.BuildingBlocks.Security;

namespace RedSail.BuildingBlocks.Scheduling;

/// <summary>
/// The clustered Quartz scheduler (ARCHITECTURE.md): its job store lives in the <c>platform</c> schema (tables <c>qrtz_*</c>,
/// created by a platform migration from Quartz's own script), so every host of a cluster shares one schedule and each firing
/// runs on exactly one of them; a host that was down fires a missed job once when it is back. Every job sends one command
/// (<see cref="ScheduledCommand"/>).
/// </summary>
public static class Scheduler
{
    public const string TablePrefix = "platform.qrtz_";

    /// <summary>Call after every module registered its scheduled commands.</summary>
    public static IServiceCollection AddScheduler(this IServiceCollection services, DatabaseOptions database, KeyRing keys, TimeZoneInfo zone)
    {
        var commands = services.Where(d => d.ServiceType == typeof(ScheduledCommand)).Select(d => (ScheduledCommand)d.ImplementationInstance!).ToList();
        services.AddQuartz(q =>
        {
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(source => source.ConnectionString =
                    database.ConnectionStringFor("platform", keys.DatabaseRolePassword(database.RoleFor("platform"))));
                store.ConfigureStore(options => options.TablePrefix = TablePrefix);
                store.UseClustering();
            });
            foreach (var command in commands)
                q.ScheduleJob<SendScheduledCommandJob>(
                    trigger =>
                    {
                        trigger.WithIdentity(command.Name).WithDescription(command.Description);
                        if (command.Cron is { } cron)
                            trigger.WithCronSchedule(cron, c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed));
                        else
                            trigger.StartAt(DateTimeOffset.UtcNow.AddSeconds(5))
                                .WithSimpleSchedule(s => s.WithInterval(command.Every!.Value).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount));
                    },
                    job => job.WithIdentity(command.Name).WithDescription(command.Description).UsingJobData(SendScheduledCommandJob.CommandKey, command.Name));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }
}

/// <summary>Sends the named <see cref="ScheduledCommand"/> as the system in a new scope; one at a time per command across the cluster.</summary>
[DisallowConcurrentExecution]
internal sealed class SendScheduledCommandJob(IServiceScopeFactory scopes, IEnumerable<ScheduledCommand> commands, ILogger<SendScheduledCommandJob> log)
    : IJob
{
    public const string CommandKey = "command";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var name = context.MergedJobDataMap.GetString(CommandKey);
        var command = commands.FirstOrDefault(c => c.Name == name);
        if (command is null)
        {
            // A job left in the shared store by another version of the host: nothing here knows how to send it.
            log.LogWarning("Scheduled job {Job} names no command this host knows", name);
            return;
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<RequestContext>().Principal = Principal.System;
            scope.ServiceProvider.GetRequiredService<RequestContext>().SourceAddress = "scheduler";
            await command.Send(scope.ServiceProvider.GetRequiredService<IMediator>(), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The next firing tries again; the failure is in the log, not thrown into Quartz (which would only log it too).
            log.LogError(e, "Scheduled command {Command} failed", name);
        }
    }
}
