using System.Globalization;

namespace Strangler.AppHost;

/// <summary>
/// The loopback ports of the four parts, the documented ones unless the command line moves them
/// (port 5000 is taken on some machines, and a test may run the sample beside a developer's own).
/// </summary>
internal sealed record SamplePorts(int Facade, int Monolith, int CatalogService, int OrderingService)
{
    public static readonly SamplePorts Documented = new(5000, 5100, 5200, 5300);

    public string FacadeUrl => Url(Facade);

    public string MonolithUrl => Url(Monolith);

    public string CatalogServiceUrl => Url(CatalogService);

    public string OrderingServiceUrl => Url(OrderingService);

    public PartPort FacadePart => new("the façade", Facade, "--facade-port");

    public PartPort MonolithPart => new("the monolith", Monolith, "--monolith-port");

    public PartPort CatalogServicePart => new("catalog-service", CatalogService, "--catalog-port");

    public PartPort OrderingServicePart => new("ordering-service", OrderingService, "--ordering-port");

    /// <summary>Every part, in the order of the constructor: the one list the options and the port checks read.</summary>
    public IReadOnlyList<PartPort> All => [FacadePart, MonolithPart, CatalogServicePart, OrderingServicePart];

    private static string Url(int port) => "http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A part of the sample, the port it listens on and the app host option that moves it.</summary>
internal sealed record PartPort(string Name, int Port, string Option);
