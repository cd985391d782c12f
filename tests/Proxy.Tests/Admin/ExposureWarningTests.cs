using Strangler.Facade.Hosting;

namespace Proxy.Tests.Admin;

/// <summary>Which bound addresses make the façade warn that its Development settings face the network.</summary>
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
    [InlineData("http://10.0.0.5:5000", false)]
    public void Only_loopback_addresses_are_quiet(string address, bool loopback) =>
        Assert.Equal(loopback, ExposureWarning.IsLoopback(address));
}
