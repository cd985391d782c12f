using System.Net;
using System.Net.Sockets;
using Strangler.AppHost;

namespace Strangler.Aspire;

/// <summary>
/// Each part listens on its own port; a port another program holds would leave that part failed in
/// the dashboard with a stack trace in its log. Checked before anything starts instead, and said in
/// one line with the option that moves the part, as the in-process host says it.
/// </summary>
internal static class PortsFree
{
    public static IReadOnlyList<string> Problems(SamplePorts ports)
    {
        var problems = new List<string>();
        foreach (var part in ports.All)
        {
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, part.Port);
                listener.Start();
            }
            catch (SocketException exception) when (exception.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                problems.Add($"Port {part.Port} ({part.Name}) is already in use by another program. Stop that program, or move {part.Name}: dotnet run --project proxy/Strangler.Aspire -- {part.Option} <free port>");
            }
        }

        return problems;
    }
}
