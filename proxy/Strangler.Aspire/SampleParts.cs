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
    private const string DataVariable = "STRANGLER_DATA";

    public static void Add(IDistributedApplicationBuilder builder, SamplePorts ports)
    {
        var monolith = Part<Projects.Shop_Host>(builder, "monolith", ports.Monolith)
            .WithEnvironment("Sync__Feeds__ordering-service__Url", ports.OrderingServiceUrl);

        var catalogCopy = OneShot<Projects.Catalog_Service>(builder, "catalog-backfill", "backfill")
            .WithEnvironment("Sync__Feeds__monolith-catalog__Url", ports.MonolithUrl)
            .WaitFor(monolith);
        var catalog = Part<Projects.Catalog_Service>(builder, "catalog-service", ports.CatalogService)
            .WithEnvironment("Sync__Feeds__monolith-catalog__Url", ports.MonolithUrl)
            .WaitForCompletion(catalogCopy);

        var orderingCopy = OneShot<Projects.Ordering_Service>(builder, "ordering-backfill", "backfill")
            .WithEnvironment("Sync__Feeds__monolith-ordering__Url", ports.MonolithUrl)
            .WaitFor(monolith);
        var ordering = Part<Projects.Ordering_Service>(builder, "ordering-service", ports.OrderingService)
            .WithEnvironment("Sync__Feeds__monolith-ordering__Url", ports.MonolithUrl)
            .WithEnvironment("Monolith__BaseUrl", ports.FacadeUrl)
            .WaitForCompletion(orderingCopy);

        var facade = Part<Projects.Strangler_Facade>(builder, "facade", ports.Facade, healthPath: "/strangler/health/ready")
            .WithEnvironment("Strangler__Clusters__monolith__Destinations__0", ports.MonolithUrl)
            .WithEnvironment("Strangler__Clusters__catalog-service__Destinations__0", ports.CatalogServiceUrl)
            .WithEnvironment("Strangler__Clusters__ordering-service__Destinations__0", ports.OrderingServiceUrl)
            .WaitFor(monolith).WaitFor(catalog).WaitFor(ordering)
            .WithUrl(ports.FacadeUrl + "/strangler/dashboard", "Strangler dashboard");
        if (Environment.GetEnvironmentVariable(DataVariable) is { Length: > 0 } data)
        {
            facade.WithEnvironment("Strangler__FlagStore__SqlitePath", Path.Combine(Path.GetFullPath(data), "facade", "flags.db"));
        }

        ModeCommands.Add(facade, ports);
        Banner.Add(builder, facade, ports);
    }

    private static IResourceBuilder<ProjectResource> Part<TProject>(IDistributedApplicationBuilder builder, string name, int port, string healthPath = "/health/ready")
        where TProject : IProjectMetadata, new() =>
        WithSampleEnvironment(builder.AddProject<TProject>(name, launchProfileName: null))
            // Not proxied: the part itself listens on the documented port, so stopping it stops the port too.
            .WithHttpEndpoint(port: port, isProxied: false)
            .WithHttpHealthCheck(healthPath);

    private static IResourceBuilder<ProjectResource> OneShot<TProject>(IDistributedApplicationBuilder builder, string name, string command)
        where TProject : IProjectMetadata, new() =>
        WithSampleEnvironment(builder.AddProject<TProject>(name, launchProfileName: null)).WithArgs(command);

    private static IResourceBuilder<ProjectResource> WithSampleEnvironment(IResourceBuilder<ProjectResource> part)
    {
        part.WithEnvironment("ASPNETCORE_ENVIRONMENT", "Development").WithEnvironment("DOTNET_ENVIRONMENT", "Development");
        return Environment.GetEnvironmentVariable(DataVariable) is { Length: > 0 } data
            ? part.WithEnvironment(DataVariable, Path.GetFullPath(data))
            : part;
    }
}
