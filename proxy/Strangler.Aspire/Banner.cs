using Strangler.AppHost;

namespace Strangler.Aspire;

/// <summary>Once the façade is ready: where each part answers, and where the two dashboards are.</summary>
internal static class Banner
{
    public static void Add(IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> facade, SamplePorts ports)
    {
        var dashboard = builder.Configuration["ASPNETCORE_URLS"]?.Split(';')[0];
        var token = builder.Configuration["AppHost:BrowserToken"];
        builder.Eventing.Subscribe<ResourceReadyEvent>(facade.Resource, (_, _) =>
        {
            Console.WriteLine($"""

                The sample is ready, each part its own process:
                  façade            {ports.FacadeUrl}
                  monolith          {ports.MonolithUrl}
                  catalog-service   {ports.CatalogServiceUrl}
                  ordering-service  {ports.OrderingServiceUrl}
                  Strangler dashboard  {ports.FacadeUrl}/strangler/dashboard
                  Aspire dashboard     {dashboard}{(token is null ? "" : "/login?t=" + token)}
                Ctrl+C stops every part.
                """);
            return Task.CompletedTask;
        });
    }
}
