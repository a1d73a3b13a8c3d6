using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RedSail.BuildingBlocks.Access;

namespace RedSail.BuildingBlocks.Scheduling;

/// <summary>
/// Sends a command as the system, in a new scope, shortly after start and then at a fixed interval. The job only sends
/// the command: what it does, and that several hosts may send it at once, is the command's business (it must claim its
/// rows atomically). A stand-in for the clustered Quartz scheduler of ARCHITECTURE.md until the first job that needs a
/// calendar (quarterly supervision) brings it.
/// </summary>
public sealed class PeriodicCommand<TCommand, TResponse>(IServiceScopeFactory scopes, ILogger<PeriodicCommand<TCommand, TResponse>> log,
    TimeSpan interval, Func<TCommand> create) : BackgroundService where TCommand : IRequest<TResponse>
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
            do
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    scope.ServiceProvider.GetRequiredService<RequestContext>().Principal = Principal.System;
                    await scope.ServiceProvider.GetRequiredService<IMediator>().Send(create(), stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogError(e, "Periodic command {Command} failed; it runs again in {Interval}", typeof(TCommand).Name, interval);
                }
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

public static class PeriodicCommandRegistration
{
    public static IServiceCollection AddPeriodicCommand<TCommand, TResponse>(this IServiceCollection services, TimeSpan interval,
        Func<TCommand> create) where TCommand : IRequest<TResponse> =>
        services.AddSingleton<IHostedService>(p => new PeriodicCommand<TCommand, TResponse>(p.GetRequiredService<IServiceScopeFactory>(),
            p.GetRequiredService<ILogger<PeriodicCommand<TCommand, TResponse>>>(), interval, create));
}
