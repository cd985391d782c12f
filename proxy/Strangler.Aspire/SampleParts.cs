using Strangler.AppHost;

namespace Strangler.Aspire;

/// <summary>
/// The sample's four parts as Aspire resources, each its own process, started in dependency order:
/// the monolith; each service once its copy of the monolith's data is made (a one-shot backfill);
/// the façade once all three answer their readiness probes. Each part sends its traces to the
/// Aspire dashboard (Aspire sets OTEL_EXPORTER_OTLP_ENDPOINT), and its console to the dashboard's logs.
/// </summary>
internal static class SampleParts
{
    public const string DataVariable = "STRANGLER_DATA";

    /// <param name="builder">The app host.</param>
    /// <param name="ports">Where each part listens.</param>
    /// <param name="data">Where every part keeps its files (STRANGLER_DATA), or null for beside each project.</param>
    public static void Add(IDistributedApplicationBuilder builder, SamplePorts ports, string? data)
    {
        var monolith = Part<Projects.Shop_Host>(builder, "monolith", ports.Monolith, data)
            .WithEnvironment("Sync__Feeds__ordering-service__Url", ports.OrderingServiceUrl);

        var catalogCopy = OneShot<Projects.Catalog_Service>(builder, "catalog-backfill", "backfill", data)
            .WithEnvironment("Sync__Feeds__monolith-catalog__Url", ports.MonolithUrl)
            .WaitFor(monolith);
        var catalog = Part<Projects.Catalog_Service>(builder, "catalog-service", ports.CatalogService, data)
            .WithEnvironment("Sync__Feeds__monolith-catalog__Url", ports.MonolithUrl)
            .WaitForCompletion(catalogCopy);

        var orderingCopy = OneShot<Projects.Ordering_Service>(builder, "ordering-backfill", "backfill", data)
            .WithEnvironment("Sync__Feeds__monolith-ordering__Url", ports.MonolithUrl)
            .WaitFor(monolith);
        var ordering = Part<Projects.Ordering_Service>(builder, "ordering-service", ports.OrderingService, data)
            .WithEnvironment("Sync__Feeds__monolith-ordering__Url", ports.MonolithUrl)
            .WithEnvironment("Monolith__BaseUrl", ports.FacadeUrl)
            .WaitForCompletion(orderingCopy);

        var facade = Part<Projects.Strangler_Facade>(builder, "facade", ports.Facade, data, healthPath: "/strangler/health/ready")
            .WithEnvironment("Strangler__Clusters__monolith__Destinations__0", ports.MonolithUrl)
            .WithEnvironment("Strangler__Clusters__catalog-service__Destinations__0", ports.CatalogServiceUrl)
            .WithEnvironment("Strangler__Clusters__ordering-service__Destinations__0", ports.OrderingServiceUrl)
            .WaitFor(monolith).WaitFor(catalog).WaitFor(ordering)
            .WithUrl(ports.FacadeUrl + "/strangler/dashboard", "Strangler dashboard");
        if (data is not null)
        {
            facade.WithEnvironment("Strangler__FlagStore__SqlitePath", Path.Combine(data, "facade", "flags.db"));
        }

        ModeCommands.Add(facade, ports);
        Banner.Add(builder, facade, ports);
    }

    private static IResourceBuilder<ProjectResource> Part<TProject>(IDistributedApplicationBuilder builder, string name, int port, string? data, string healthPath = "/health/ready")
        where TProject : IProjectMetadata, new() =>
        WithSampleEnvironment(builder.AddProject<TProject>(name, launchProfileName: null), data)
            // Not proxied: the part itself listens on the documented port, so stopping it stops the port too.
            .WithHttpEndpoint(port: port, isProxied: false)
            .WithHttpHealthCheck(healthPath);

    private static IResourceBuilder<ProjectResource> OneShot<TProject>(IDistributedApplicationBuilder builder, string name, string command, string? data)
        where TProject : IProjectMetadata, new() =>
        WithSampleEnvironment(builder.AddProject<TProject>(name, launchProfileName: null), data).WithArgs(command);

    private static IResourceBuilder<ProjectResource> WithSampleEnvironment(IResourceBuilder<ProjectResource> part, string? data)
    {
        part.WithEnvironment("ASPNETCORE_ENVIRONMENT", "Development").WithEnvironment("DOTNET_ENVIRONMENT", "Development");
        return data is null ? part : part.WithEnvironment(DataVariable, data);
    }
}
