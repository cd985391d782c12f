using System.Net.Http.Json;
using Proxy.Tests.Fixtures;
using Strangler.Contracts;
using Testing.Infrastructure.Servers;

namespace Proxy.Tests.Persistence;

/// <summary>State lives in the flag store: it survives a restart, and the manifest's initial state applies only where nothing is stored.</summary>
public sealed class FlagStorePersistenceTests
{
    [Fact]
    public async Task State_survives_a_restart_and_wins_over_the_configured_initial_state()
    {
        var settings = FacadeFixture.Manifest(new Uri("http://127.0.0.1:1"), new Uri("http://127.0.0.1:2"))
            .NewSqliteStore()
            .Set("Strangler:Capabilities:ordering:InitialState:Mode", "Shadow");

        await using (var facade = await FacadeServer.StartAsync(settings))
        {
            Assert.Equal(CapabilityMode.Shadow, (await StateAsync(facade, FacadeFixture.Ordering)).State.Mode);
            await facade.SetAsync(FacadeFixture.CatalogRead, new CapabilityChange(CapabilityMode.Canary, 30, ["alice"], ["beta"], "before restart"));
            await facade.SetAsync(FacadeFixture.Ordering, new CapabilityChange(CapabilityMode.Legacy, Reason: "not yet"));
        }

        await using var restarted = await FacadeServer.StartAsync(settings);
        var catalog = await StateAsync(restarted, FacadeFixture.CatalogRead);
        Assert.Equal(new CapabilityState(CapabilityMode.Canary, 30, ["alice"], ["beta"]), catalog.State);
        Assert.Equal(FacadeServer.AdminKeyName, catalog.UpdatedBy);
        Assert.Equal(CapabilityMode.Legacy, (await StateAsync(restarted, FacadeFixture.Ordering)).State.Mode);
        var audit = await restarted.Admin.GetFromJsonAsync<List<AuditEntry>>(AdminRoutes.Audit, AdminJson.Options);
        Assert.Equal(["not yet", "before restart"], audit!.Select(a => a.Reason));
    }

    [Fact]
    public async Task A_facade_with_bad_settings_refuses_to_start_naming_every_key_at_once()
    {
        var settings = FacadeFixture.Manifest(new Uri("http://127.0.0.1:1"), new Uri("http://127.0.0.1:2"))
            .Set("Strangler:FlagStore:Provider", "Oracle")
            .Set("Strangler:Proxy:PassiveHealthWindow", "forever")
            .Set("Strangler:Capabilities:ordering:Legacy", "mainframe")
            .Set("Strangler:Shadow:DryRunSecret", "short")
            .Set("Strangler:Shadow:Workers", "0")
            .Set("Strangler:Recording:Folder", "x")
            .Set("Strangler:FlagStore:Path", "flags.db")
            .Set("Strangler:Shadow:Worker", "2")
            .Set("Strangler:Proxy:PassiveWindow", "00:00:05")
            .Set("Strangler:Admin:Key", "secret");

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => FacadeServer.StartAsync(settings));

        Assert.Contains("Strangler:FlagStore:Provider is 'Oracle'", exception.Message);
        Assert.Contains("Strangler:Proxy:PassiveHealthWindow is 'forever'", exception.Message);
        Assert.Contains("Strangler:Capabilities:ordering:Legacy names 'mainframe'", exception.Message);
        Assert.Contains("Strangler:Shadow:DryRunSecret must be at least 16 characters", exception.Message);
        Assert.Contains("Strangler:Shadow:Workers is '0'", exception.Message);
        Assert.Contains("Strangler:Recording:Folder is not a known setting", exception.Message);
        Assert.Contains("Strangler:FlagStore:Path is not a known setting", exception.Message);
        Assert.Contains("Strangler:Shadow:Worker is not a known setting", exception.Message);
        Assert.Contains("Strangler:Proxy:PassiveWindow is not a known setting", exception.Message);
        Assert.Contains("Strangler:Admin:Key is not a known setting", exception.Message);
    }

    [Fact]
    public async Task Shadowing_writes_without_a_dry_run_secret_refuses_to_start()
    {
        var settings = FacadeFixture.Manifest(new Uri("http://127.0.0.1:1"), new Uri("http://127.0.0.1:2"))
            .NewSqliteStore()
            .Set("Strangler:Capabilities:ordering:Shadow:DryRunWrites", "true");

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => FacadeServer.StartAsync(settings));

        Assert.Contains("Strangler:Capabilities:ordering:Shadow:DryRunWrites is true, but Strangler:Shadow:DryRunSecret is not set", exception.Message);
    }

    private static async Task<CapabilityView> StateAsync(FacadeServer facade, string capability) =>
        (await facade.Admin.GetFromJsonAsync<CapabilityView>(AdminRoutes.Capability(capability), AdminJson.Options))!;
}
