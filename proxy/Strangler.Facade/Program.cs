using Strangler.Facade;

try
{
    var app = FacadeApplication.Build(args);
    await FacadeApplication.PrepareAsync(app, CancellationToken.None);
    try
    {
        await app.StartAsync();
    }
    catch (IOException exception) when (Strangler.Facade.Hosting.AddressInUse.Is(exception))
    {
        // One line for the user's own mistake, not Kestrel's two stack traces.
        await Console.Error.WriteLineAsync($"façade: {exception.Message.TrimEnd('.')}. Another program holds that port: stop it, or start façade on another port with --urls=http://127.0.0.1:<free port>");
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
