using Shop.Host;

var app = ShopApplication.Build(args);
await ShopApplication.PrepareDatabasesAsync(app, CancellationToken.None);
await app.StartAsync();
StartupBanner.Print(app);
await app.WaitForShutdownAsync();
