using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;

namespace Strangler.AppHost;

/// <summary>
/// Starts a part, turning "address already in use" (two stack traces from Kestrel) into one line
/// that names the port, the part and the option that moves it.
/// </summary>
internal static class PortInUse
{
    /// <summary>
    /// Before anything starts: each port that another program holds, as the line to print. Checked
    /// first so a busy port costs no migration, backfill or stack trace; <see cref="StartAsync"/>
    /// still covers a port taken in between.
    /// </summary>
    public static IReadOnlyList<string> Check(SamplePorts ports)
    {
        (string Name, int Port, string Option)[] parts =
        [
            ("the façade", ports.Facade, "--facade-port"), ("the monolith", ports.Monolith, "--monolith-port"),
            ("catalog-service", ports.CatalogService, "--catalog-port"), ("ordering-service", ports.OrderingService, "--ordering-port"),
        ];
        var busy = new List<string>();
        foreach (var (name, port, option) in parts)
        {
            var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
            try
            {
                probe.Start();
            }
            catch (SocketException exception) when (exception.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                busy.Add(Describe(name, port, option));
            }
            finally
            {
                probe.Stop();
            }
        }

        return busy;
    }

    private static string Describe(string name, int port, string option) =>
        $"Port {port} ({name}) is already in use by another program. Stop that program, or move {name}: dotnet run --project proxy/Strangler.AppHost -- {option} <free port>";

    public static async Task StartAsync(WebApplication part, string name, int port, string option, CancellationToken cancellationToken)
    {
        try
        {
            await part.StartAsync(cancellationToken);
        }
        catch (IOException exception) when (IsAddressInUse(exception))
        {
            throw new PortInUseException(Describe(name, port, option));
        }
    }

    private static bool IsAddressInUse(Exception exception)
    {
        for (var e = (Exception?)exception; e is not null; e = e.InnerException)
        {
            if (e is Microsoft.AspNetCore.Connections.AddressInUseException or SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A part could not listen on its port; the message is all a person needs.</summary>
internal sealed class PortInUseException(string message) : Exception(message);
