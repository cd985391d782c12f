using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Strangler.Scan;

/// <summary>Brings the run's file up to date every <see cref="ScanOptions.SaveInterval"/>, and once more when the host stops.</summary>
internal sealed class ScanSaver(ScanRecorder recorder, ScanOptions options, TimeProvider clock, ILogger<ScanSaver> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Recording which endpoint reads and writes which table to {File}", recorder.File);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(options.SaveInterval, clock, stoppingToken);
                SaveLogged();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping: saved below
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        SaveLogged();
    }

    private void SaveLogged()
    {
        try
        {
            recorder.Save();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            logger.LogError(exception, "The scan recording could not be saved to {File}", recorder.File);
        }
    }
}
