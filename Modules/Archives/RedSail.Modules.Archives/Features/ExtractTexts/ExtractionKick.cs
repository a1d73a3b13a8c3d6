using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RedSail.Modules.Archives.Features.ExtractTexts;

/// <summary>
/// Wakes <see cref="ExtractionWorker"/> after an upload committed, so a new file's text is searchable in seconds rather than
/// at the next minute of the schedule. Signals while it works collapse into one more round.
/// </summary>
internal sealed class ExtractionKick
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Signal()
    {
        try { _signal.Release(); }
        catch (SemaphoreFullException) { } // already signalled: the next round takes this file too
    }

    public Task WaitAsync(CancellationToken ct) => _signal.WaitAsync(ct);
}

/// <summary>Sends <see cref="ExtractPendingTexts"/> as the system, batch after batch, each time it is kicked, until nothing is pending.</summary>
internal sealed class ExtractionWorker(IServiceScopeFactory scopes, ExtractionKick kick, ILogger<ExtractionWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await kick.WaitAsync(stoppingToken);
                ExtractionRun run;
                do
                {
                    await using var scope = scopes.CreateAsyncScope();
                    scope.ServiceProvider.GetRequiredService<RequestContext>().Principal = Principal.System;
                    run = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ExtractPendingTexts(), stoppingToken);
                } while (run.Processed > 0);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogError(e, "Archives text extraction failed; the schedule retries within a minute");
            }
        }
    }
}
