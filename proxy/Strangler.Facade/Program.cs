using Strangler.ServiceDefaults.Hosting;
using Strangler.Facade;

try
{
    var app = FacadeApplication.Build(args);
    await FacadeApplication.PrepareAsync(app, CancellationToken.None);
    if (!await HostStart.TryStartAsync(app, "façade", Console.Error))
    {
        return 2;
    }

    Console.WriteLine($"{Environment.NewLine}Strangler façade is running.{Environment.NewLine}{FacadeApplication.DescribeRunning(app)}{Environment.NewLine}Press Ctrl+C to stop.{Environment.NewLine}");
    await app.WaitForShutdownAsync();
    return 0;
}
catch (InvalidOperationException exception) when (exception.InnerException is not null)
{
    await Console.Error.WriteLineAsync(exception.Message);
    return 2;
}
