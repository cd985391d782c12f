using System.Net;
using System.Net.Sockets;
using Testing.Infrastructure.Servers;

namespace Proxy.Tests.Harness;

/// <summary>
/// The tests' free ports come from below the kernel's ephemeral range, where no outgoing connection can
/// take one between its choice and its server's bind, and are never handed out twice while free.
/// </summary>
public sealed class LoopbackPortTests
{
    [Fact]
    public void Ports_are_below_the_ephemeral_range_distinct_and_bindable()
    {
        var ephemeralLow = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split('\t', ' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        var ports = Enumerable.Range(0, 50).Select(_ => LoopbackPort.Free()).ToList();

        Assert.All(ports, port => Assert.InRange(port, 20000, ephemeralLow - 1));
        Assert.Equal(ports.Count, ports.Distinct().Count());
        var listeners = ports.Select(port => new TcpListener(IPAddress.Loopback, port)).ToList();
        try
        {
            listeners.ForEach(listener => listener.Start());
        }
        finally
        {
            listeners.ForEach(listener => listener.Dispose());
        }
    }

    [Fact]
    public void A_port_another_program_listens_on_is_not_handed_out()
    {
        var held = Enumerable.Range(0, 5).Select(_ => LoopbackPort.Free()).Select(port =>
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return listener;
        }).ToList();
        try
        {
            var heldPorts = held.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port).ToHashSet();
            // Enough calls to come round the whole slice again.
            var handedOut = Enumerable.Range(0, 450).Select(_ => LoopbackPort.Free()).ToList();
            Assert.DoesNotContain(handedOut, heldPorts.Contains);
        }
        finally
        {
            held.ForEach(listener => listener.Dispose());
        }
    }
}
