using System.Net;
using System.Net.Sockets;

namespace Testing.Infrastructure.Servers;

/// <summary>A free port on 127.0.0.1, for a server whose address another must know before it starts.</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
