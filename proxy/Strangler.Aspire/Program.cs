using Strangler.Aspire;
using Strangler.AppHost;

// Where each part listens: the in-process host's options, so the docs' ports hold for both.
var options = SampleOptions.Parse(args, out var problems);
if (problems.Count > 0)
{
    foreach (var problem in problems)
    {
        await Console.Error.WriteLineAsync(problem);
    }

    await Console.Error.WriteLineAsync(SampleOptions.Usage.Replace("Strangler.AppHost", "Strangler.Aspire", StringComparison.Ordinal));
    return 2;
}

if (PortsFree.Problems(options.Ports) is [_, ..] busy)
{
    foreach (var problem in busy)
    {
        await Console.Error.WriteLineAsync(problem);
    }

    return 2;
}

var data = Environment.GetEnvironmentVariable(SampleParts.DataVariable) is { Length: > 0 } folder ? Path.GetFullPath(folder) : null;
await using var app = AspireSample.Build(new DistributedApplicationOptions(), options.Ports.Facade, options.Ports.Monolith, options.Ports.CatalogService, options.Ports.OrderingService, data);
await app.RunAsync();
return 0;
