using System.Net;
using System.Net.Sockets;

namespace Testing.Infrastructure.Servers;

/// <summary>
/// A free port on 127.0.0.1, for a server whose address another must know before it starts.
/// </summary>
/// <remarks>
/// A port the kernel hands out for "any free port" comes from the ephemeral range, which is also where
/// every outgoing connection's local port comes from: between the moment a port is chosen and the
/// moment the server binds it, a client socket of this or another test process can take it (the sample
/// once failed to start that way). So ports come from below the ephemeral range instead, and each test
/// process first claims a slice of it by listening on the slice's first port for as long as it lives;
/// the kernel frees the claim when the process ends, however it ends. Ports of one slice are handed out
/// in turn, each checked free, so two test assemblies running side by side never choose alike.
/// </remarks>
public static class LoopbackPort
{
    private const int SliceSize = 400;
    private static readonly Lock Gate = new();
    private static readonly (int Low, int High) Below = BelowEphemeralRange();
    private static TcpListener? claim;
    private static int next;

    public static int Free()
    {
        lock (Gate)
        {
            claim ??= ClaimSlice();
            if (claim is null)
            {
                return FromKernel();
            }

            var first = ((IPEndPoint)claim.LocalEndpoint).Port + 1;
            for (var tried = 0; tried < SliceSize - 1; tried++)
            {
                var port = first + (next++ % (SliceSize - 1));
                if (!Reserved(port) && IsFree(port))
                {
                    return port;
                }
            }

            return FromKernel();
        }
    }

    /// <summary>The first slice whose marker port this process can listen on, starting at a random one; null when every slice is held.</summary>
    private static TcpListener? ClaimSlice()
    {
        var slices = (Below.High - Below.Low + 1) / SliceSize;
        if (slices < 4)
        {
            return null;
        }

        var start = Random.Shared.Next(slices);
        for (var i = 0; i < slices; i++)
        {
            var marker = Below.Low + ((start + i) % slices * SliceSize);
            var listener = new TcpListener(IPAddress.Loopback, marker);
            try
            {
                listener.Start();
                return listener;
            }
            catch (SocketException)
            {
                listener.Dispose();
            }
        }

        return null;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Ports fixed by tools the tests start (the Aspire dashboard's 15888, its OTLP 18889 and 18890).</summary>
    private static bool Reserved(int port) => port is 15888 or 18888 or 18889 or 18890 or 18891;

    private static int FromKernel()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>From 20000 to just below the kernel's ephemeral range (Linux: net.ipv4.ip_local_port_range; elsewhere the IANA range, 49152 up); no slice at all where that leaves too little.</summary>
    private static (int Low, int High) BelowEphemeralRange()
    {
        var ephemeralLow = 49152;
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            ephemeralLow = int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            // not Linux: keep the IANA range
        }

        return (20000, Math.Min(ephemeralLow - 1, 65535));
    }
}
