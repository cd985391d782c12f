using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;
using Strangler.Facade.Flags;
using Strangler.Facade.Settings;
using Strangler.Facade.Observability;
using Strangler.Facade.Persistence;
using Strangler.Facade.Routing;
using Strangler.Facade.Requests;

namespace Proxy.Tests.Routing;

/// <summary>
/// The decider keeps Microsoft.FeatureManagement's answers per flag snapshot; what it keeps must be
/// exactly what the library answers, user by user, and a request with groups must never be answered
/// from what a user without them got.
/// </summary>
public sealed class SideDeciderTests : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly ManifestSource _manifests;
    private readonly CapabilityStates _states;
    private readonly SideDecider _decider;
    private readonly IVariantFeatureManager _features;

    public SideDeciderTests()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Strangler:DefaultCluster"] = "monolith",
            ["Strangler:Clusters:monolith:Destinations:0"] = "http://127.0.0.1:1",
            ["Strangler:Clusters:service:Destinations:0"] = "http://127.0.0.1:2",
            ["Strangler:Capabilities:orders:Routes:0:Path"] = "/api/orders",
            ["Strangler:Capabilities:orders:Legacy"] = "monolith",
            ["Strangler:Capabilities:orders:Service"] = "service",
            ["Strangler:Capabilities:orders:InitialState:Mode"] = "Canary",
            ["Strangler:Capabilities:orders:InitialState:Percentage"] = "50",
            ["Strangler:Capabilities:orders:InitialState:Groups:0"] = "beta",
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
        _features = _services.GetRequiredService<IVariantFeatureManager>();
    }

    [Fact]
    public async Task Each_users_side_is_the_feature_managers_the_first_time_and_every_time_after()
    {
        for (var round = 0; round < 3; round++)
        {
            for (var user = 0; user < 300; user++)
            {
                var expected = await LibrarySideAsync(new TargetingContext { UserId = $"user-{user}", Groups = [] });
                Assert.Equal(expected, await DecideAsync(Request($"user-{user}")));
            }
        }
    }

    [Fact]
    public async Task A_request_with_groups_is_not_answered_from_the_same_users_answer_without_them()
    {
        var legacyUser = Enumerable.Range(0, 100).Select(i => $"user-{i}")
            .First(user => LibrarySideAsync(new TargetingContext { UserId = user, Groups = [] }).Result == Side.Legacy);

        Assert.Equal(Side.Legacy, await DecideAsync(Request(legacyUser)));
        Assert.Equal(Side.Service, await DecideAsync(Request(legacyUser, group: "beta")));
        Assert.Equal(Side.Legacy, await DecideAsync(Request(legacyUser)));
    }

    public void Dispose() => _services.Dispose();

    private ValueTask<Side> DecideAsync(HttpContext request)
    {
        var manifest = _manifests.Current;
        var capability = manifest.Find("orders")!;
        var snapshot = _states.Current;
        return _decider.DecideAsync(snapshot, capability, snapshot.ModeOf(capability), request, manifest.Targeting, carried: null);
    }

    private async Task<Side> LibrarySideAsync(TargetingContext targeting) =>
        (await _features.GetVariantAsync("orders", targeting, CancellationToken.None))?.Name == CapabilityFeatures.ServiceVariant ? Side.Service : Side.Legacy;

    private static DefaultHttpContext Request(string user, string? group = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers["X-User-Id"] = user;
        if (group is not null)
        {
            context.Request.Headers["X-User-Groups"] = group;
        }

        return context;
    }
}
