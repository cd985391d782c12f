using Strangler.AppHost;

namespace Docs.Tests;

/// <summary>The app host's options as the README documents them: the documented ports by default, and every bad option named.</summary>
public sealed class AppHostOptionsTests
{
    [Fact]
    public void No_options_give_the_documented_ports_and_readiness_limit()
    {
        var options = SampleOptions.Parse([], out var problems);

        Assert.Empty(problems);
        Assert.Equal(("http://127.0.0.1:5000", "http://127.0.0.1:5100", "http://127.0.0.1:5200", "http://127.0.0.1:5300"),
            (options.Ports.FacadeUrl, options.Ports.MonolithUrl, options.Ports.CatalogServiceUrl, options.Ports.OrderingServiceUrl));
        Assert.Equal(TimeSpan.FromSeconds(120), options.ReadyTimeout);
    }

    [Fact]
    public void A_moved_port_moves_only_that_part()
    {
        var options = SampleOptions.Parse(["--facade-port", "5050"], out var problems);

        Assert.Empty(problems);
        Assert.Equal(new SamplePorts(5050, 5100, 5200, 5300), options.Ports);
    }

    [Fact]
    public void A_longer_readiness_limit_is_taken_in_seconds()
    {
        var options = SampleOptions.Parse(["--ready-timeout", "300", "--ordering-port", "5301"], out var problems);

        Assert.Empty(problems);
        Assert.Equal((TimeSpan.FromMinutes(5), 5301), (options.ReadyTimeout, options.Ports.OrderingService));
    }

    [Fact]
    public void Every_bad_option_is_named_at_once()
    {
        SampleOptions.Parse(["--facade-port", "0", "--monolith-port", "5200", "--verbose", "--ready-timeout", "1.5", "--catalog-port", "x", "--ordering-port"], out var problems);

        Assert.Equal(
            [
                "--facade-port must be a port number from 1 to 65535; got '0'.",
                "Unknown option '--verbose'; the options are --facade-port, --monolith-port, --catalog-port, --ordering-port, --ready-timeout.",
                "--ready-timeout must be a whole number of seconds from 1 to 3600; got '1.5'.",
                "--catalog-port must be a port number from 1 to 65535; got 'x'.",
                "--ordering-port needs a port number.",
                "--monolith-port and --catalog-port are both 5200; each part needs its own port.",
            ],
            problems);
    }

    [Fact]
    public void A_readiness_limit_of_zero_is_refused()
    {
        SampleOptions.Parse(["--ready-timeout", "0"], out var problems);

        Assert.Equal(["--ready-timeout must be a whole number of seconds from 1 to 3600; got '0'."], problems);
    }
}
