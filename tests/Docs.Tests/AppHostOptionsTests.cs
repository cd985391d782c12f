using Strangler.AppHost;

namespace Docs.Tests;

/// <summary>The app host's options as the README documents them: the documented ports by default, and every bad option named.</summary>
public sealed class AppHostOptionsTests
{
    [Fact]
    public void No_options_give_the_documented_ports()
    {
        var ports = SamplePorts.Parse([], out var problems);

        Assert.Empty(problems);
        Assert.Equal(("http://127.0.0.1:5000", "http://127.0.0.1:5100", "http://127.0.0.1:5200", "http://127.0.0.1:5300"),
            (ports.FacadeUrl, ports.MonolithUrl, ports.CatalogServiceUrl, ports.OrderingServiceUrl));
    }

    [Fact]
    public void A_moved_port_moves_only_that_part()
    {
        var ports = SamplePorts.Parse(["--facade-port", "5050"], out var problems);

        Assert.Empty(problems);
        Assert.Equal(new SamplePorts(5050, 5100, 5200, 5300), ports);
    }

    [Fact]
    public void Every_bad_option_is_named_at_once()
    {
        SamplePorts.Parse(["--facade-port", "0", "--monolith-port", "5200", "--verbose", "--catalog-port", "x", "--ordering-port"], out var problems);

        Assert.Equal(
            [
                "--facade-port must be a port number from 1 to 65535; got '0'.",
                "Unknown option '--verbose'; the options are --facade-port, --monolith-port, --catalog-port, --ordering-port.",
                "--catalog-port must be a port number from 1 to 65535; got 'x'.",
                "--ordering-port needs a port number.",
                "--monolith-port and --catalog-port are both 5200; each part needs its own port.",
            ],
            problems);
    }
}
