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

var builder = DistributedApplication.CreateBuilder();
SampleParts.Add(builder, options.Ports);
await builder.Build().RunAsync();
return 0;
