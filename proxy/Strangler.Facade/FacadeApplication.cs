using Strangler.Contracts;
using Strangler.Facade.Admin;
using Strangler.Facade.Dashboard;
using Strangler.Facade.Flags;
using Strangler.Facade.Hosting;
using Strangler.Facade.Identity;
using Strangler.Facade.Settings;
using Strangler.Facade.Observability;
using Strangler.Facade.Persistence;
using Strangler.Facade.Recording;
using Strangler.Facade.Routing;
using Strangler.Facade.Shadowing;
using Strangler.Facade.Requests;
using Strangler.Facade.Health;
using Strangler.Facade.Guardrails;
using Strangler.ServiceDefaults.Health;
using Strangler.ServiceDefaults.Hosting;
using Strangler.ServiceDefaults.Settings;

namespace Strangler.Facade;

/// <summary>
/// The composition of the façade, public so that the sample's app host and the tests start exactly
/// what <c>dotnet run</c> starts, on a real Kestrel server.
/// </summary>
public static class FacadeApplication
{
    /// <summary>
    /// Builds the host. Throws <see cref="InvalidOperationException"/> with every problem listed when the
    /// manifest or the flag store settings cannot work. <paramref name="configure"/> runs before the
    /// façade's services are added, <paramref name="configureServices"/> after them.
    /// </summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null, Action<WebApplicationBuilder>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = ContentRoot.FromArguments(args) });
        configure?.Invoke(builder);
        var contentRoot = builder.Environment.ContentRootPath;
        var guard = ConfigurationGuard.Install(builder.Configuration, builder.Configuration, contentRoot,
            candidate => FacadeSettingsCheck.Read(candidate, contentRoot).Problems);
        try
        {
            ConfigureServices(builder, guard);
            configureServices?.Invoke(builder);
        }
        catch (InvalidSettingsException exception)
        {
            throw new InvalidOperationException(exception.Message, exception);
        }

        var app = builder.Build();
        guard.UseLogger(app.Services.GetRequiredService<ILogger<ConfigurationGuard>>());
        app.WarnWhenExposedInDevelopment("The façade", "its development secrets");
        app.UseMiddleware<RequestOutcomeMiddleware>();
        // A request the client framed badly, cut short or sent too slowly is answered with the 4xx
        // Kestrel gave it (400, 408, 413), wherever in the façade its body was read, never a 500.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = exception => ClientFaults.StatusOf(exception) ?? StatusCodes.Status500InternalServerError,
        });
        // Only the admin endpoints authenticate and authorise here, through their policy's scheme; a caller's
        // bearer token is checked in the proxy pipeline, on the routes whose Auth asks (IdentityStep). So
        // both middlewares run under the admin prefix alone: on a proxied request they cost a service
        // scope, an items dictionary and two state machines, about 450 bytes (bench/: allocations).
        app.UseWhen(static context => context.Request.Path.StartsWithSegments(AdminRoutes.Prefix),
            static admin => admin.UseAuthentication().UseAuthorization());
        // A WebApplication that registers authentication puts both middlewares at the front of the whole
        // pipeline by itself unless the app has called them, which it learns from these two keys (the ones
        // UseAuthentication and UseAuthorization set); a branch's keys stay in the branch.
        var pipeline = (IApplicationBuilder)app;
        pipeline.Properties["__AuthenticationMiddlewareSet"] = true;
        pipeline.Properties["__AuthorizationMiddlewareSet"] = true;
        app.MapOpenApi(AdminRoutes.Prefix + "/openapi/{documentName}.json");
        app.MapHealthEndpoints(AdminRoutes.Health);
        app.MapFacadeMetrics();
        app.MapDashboard();
        app.MapAdminApi();
        app.RefreshBearerOnReload();
        app.MapReverseProxy(pipeline => pipeline.UseFacadeSteps());
        return app;
    }

    /// <summary>Migrates the flag store and loads the states, so the first request is routed by them.</summary>
    public static async Task PrepareAsync(WebApplication app, CancellationToken cancellationToken)
    {
        await app.Services.MigrateFlagStoreAsync(cancellationToken);
        await app.Services.GetRequiredService<CapabilityStates>().RefreshAsync(cancellationToken);
    }

    /// <summary>The lines to print after start: the address and every capability's route.</summary>
    public static string DescribeRunning(WebApplication app) => FacadeBanner.Describe(app);

    private static void ConfigureServices(WebApplicationBuilder builder, ConfigurationGuard guard)
    {
        // Fail at start with every problem of every section listed, not on the first request.
        var read = FacadeSettingsCheck.Read(builder.Configuration, builder.Environment.ContentRootPath);
        if (read.Problems.Count > 0)
        {
            throw FacadeSettingsRefusal.Of([.. read.Problems]);
        }

        var (flagStore, shadow, recording) = (read.FlagStore!, read.Shadow!, read.Recording!);
        builder.AddFacadeLogging();
        builder.Services.AddSingleton(guard)
            .AddFacadeHosting()
            .AddSideDecision(flagStore)
            .AddCapabilityRouting()
            .AddDestinationHealth(read.PassiveHealthWindow)
            .AddShadowing(shadow)
            .AddRecording(recording)
            .AddFacadeTelemetry(builder.Configuration)
            .AddGuardrails()
            .AddFacadeBearer()
            .AddAdminApi();
    }
}
