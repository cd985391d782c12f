using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Strangler.Facade.Flags;
using Strangler.Facade.Settings;
using Strangler.Facade.Observability;
using Strangler.Facade.Persistence;
using Strangler.Facade.Routing;
using Strangler.Facade.Requests;

namespace Strangler.Bench.Micro;

/// <summary>
/// What the façade decides per request before YARP forwards: find the capability, read its state and,
/// in Canary mode, build the targeting context and ask Microsoft.FeatureManagement for the variant
/// (in the other modes its answer is kept per flag snapshot). Target: at most 1 µs and nothing allocated.
/// </summary>
[MemoryDiagnoser]
public class RoutingDecisionBenchmarks
{
    private ManifestSource _manifests = null!;
    private CapabilityStates _states = null!;
    private SideDecider _decider = null!;
    private DefaultHttpContext _request = null!;
    private ServiceProvider _services = null!;
    private readonly string[] _users = [.. Enumerable.Range(0, 100_000).Select(i => $"user-{i}")];
    private int _next;

    [Params("Legacy", "Canary", "Service")]
    public string Mode { get; set; } = "Legacy";

    [GlobalSetup]
    public void Setup()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Strangler:DefaultCluster"] = "monolith",
            ["Strangler:Clusters:monolith:Destinations:0"] = "http://127.0.0.1:1",
            ["Strangler:Clusters:service:Destinations:0"] = "http://127.0.0.1:2",
            ["Strangler:Capabilities:catalog-read:Routes:0:Path"] = "/api/catalog/{**rest}",
            ["Strangler:Capabilities:catalog-read:Legacy"] = "monolith",
            ["Strangler:Capabilities:catalog-read:Service"] = "service",
            ["Strangler:Capabilities:catalog-read:InitialState:Mode"] = Mode,
            ["Strangler:Capabilities:catalog-read:InitialState:Percentage"] = "50",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMetrics();
        services.AddSingleton<FacadeMetrics>();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddSideDecision(new FlagStoreOptions(FlagStoreProvider.Sqlite, "Data Source=:memory:", TimeSpan.FromSeconds(1)));
        _services = services.BuildServiceProvider();
        _manifests = _services.GetRequiredService<ManifestSource>();
        _states = _services.GetRequiredService<CapabilityStates>();
        _decider = _services.GetRequiredService<SideDecider>();
        _request = new DefaultHttpContext();
        _request.Request.Headers["X-User-Id"] = "user-4711";
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    /// <summary>The same user again and again: in Canary mode, a user whose side is already known.</summary>
    [Benchmark]
    public ValueTask<bool> Decide() => DecideAsync();

    /// <summary>A different user each time, 100,000 in turn: in Canary mode, mostly users the feature manager must be asked about.</summary>
    [Benchmark]
    public ValueTask<bool> DecideNewUser()
    {
        _request.Request.Headers["X-User-Id"] = _users[_next++ % _users.Length];
        return DecideAsync();
    }

    // What the routing step does per request: find the capability, read its mode, decide.
    private async ValueTask<bool> DecideAsync()
    {
        var manifest = _manifests.Current;
        var capability = manifest.Find("catalog-read")!;
        var snapshot = _states.Current;
        return await _decider.DecideAsync(snapshot, capability, snapshot.ModeOf(capability), _request, manifest.Targeting, carried: null) == Side.Service;
    }
}
