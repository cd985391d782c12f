using Strangler.ServiceDefaults.Hosting;

namespace Proxy.Tests.ServiceDefaults;

/// <summary>Which bound addresses make a host (the façade, the monolith, a service) warn that its Development settings face the network.</summary>
public sealed class ExposureWarningTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("http://localhost:5000", true)]
    [InlineData("http://[::1]:5000", true)]
    [InlineData("http://0.0.0.0:5000", false)]
    [InlineData("http://[::]:5000", false)]
    [InlineData("http://*:5000", false)]
    [InlineData("http://+:5000", false)]
    [InlineData("https://127.0.0.2:443", true)]
    [InlineData("http://10.0.0.5:5000", false)]
    [InlineData("http://shop.example.com:5100", false)]
    public void Only_loopback_addresses_are_quiet(string address, bool loopback)
    {
        Assert.Equal(loopback, ExposureWarning.IsLoopback(address));
        Assert.Equal(loopback ? [] : [address], ExposureWarning.NonLoopback([address]));
    }
}
