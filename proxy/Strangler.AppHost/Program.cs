using Strangler.AppHost;

return await SampleSystem.RunAsync(args);
