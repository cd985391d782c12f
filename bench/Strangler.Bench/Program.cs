using Strangler.Bench;

return await BenchCommand.RunAsync(args);
