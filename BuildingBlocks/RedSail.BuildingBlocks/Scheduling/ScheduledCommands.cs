using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace RedSail.BuildingBlocks.Scheduling;

/// <summary>
/// A command the scheduler sends as the system, in a new scope, on a schedule: a cron expression in the institution's time
/// zone, or a fixed interval. The job only sends the command: what it does, and that several hosts may send it at once, is
/// the command's business (it claims its rows atomically, or is idempotent).
/// </summary>
public sealed record ScheduledCommand(string Name, string Description, Func<IMediator, CancellationToken, Task> Send, string? Cron, TimeSpan? Every);

public static class ScheduledCommandRegistration
{
    /// <summary>Sends <paramref name="create"/>'s command every <paramref name="every"/> (first time shortly after start).</summary>
    public static IServiceCollection AddScheduledCommand<TResponse>(this IServiceCollection services, string name, string description,
        TimeSpan every, Func<IRequest<TResponse>> create) =>
        services.AddSingleton(new ScheduledCommand(name, description, (m, ct) => m.Send(create(), ct), null, every));

    /// <summary>Sends <paramref name="create"/>'s command at the times of a Quartz cron expression (seconds first), in the institution's zone.</summary>
    public static IServiceCollection AddScheduledCommand<TResponse>(this IServiceCollection services, string name, string description,
        string cron, Func<IRequest<TResponse>> create) =>
        services.AddSingleton(new ScheduledCommand(name, description, (m, ct) => m.Send(create(), ct), cron, null));
}
