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
        var busy = new List<string>();
        foreach (var part in ports.All)
        {
            var probe = new TcpListener(System.Net.IPAddress.Loopback, part.Port);
            try
            {
                probe.Start();
            }
            catch (SocketException exception) when (exception.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                busy.Add(Describe(part));
            }
            finally
            {
                probe.Stop();
            }
        }

        return busy;
    }

    private static string Describe(PartPort part) =>
        $"Port {part.Port} ({part.Name}) is already in use by another program. Stop that program, or move {part.Name}: dotnet run --project proxy/Strangler.AppHost -- {part.Option} <free port>";

    public static async Task StartAsync(WebApplication app, PartPort part, CancellationToken cancellationToken)
    {
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException exception) when (Strangler.ServiceDefaults.Hosting.AddressInUse.Is(exception))
        {
            throw new PortInUseException(Describe(part));
        }
    }
}

/// <summary>A part could not listen on its port; the message is all a person needs.</summary>
internal sealed class PortInUseException(string message) : Exception(message);
