using Strangler.ServiceDefaults.Hosting;
using Shop.Host;
using Strangler.ServiceDefaults.Settings;

WebApplication app;
try
{
    app = ShopApplication.Build(args);
    await ShopApplication.PrepareDatabasesAsync(app, CancellationToken.None);
}
catch (InvalidSettingsException exception)
{
    await Console.Error.WriteLineAsync($"monolith: {exception.Message}");
    return 2;
}
if (!await HostStart.TryStartAsync(app, "monolith", Console.Error))
{
    return 2;
}

StartupBanner.Print(app);
await app.WaitForShutdownAsync();
return 0;
