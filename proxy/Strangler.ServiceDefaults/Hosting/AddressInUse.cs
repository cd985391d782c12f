using System.Net.Sockets;

namespace Strangler.ServiceDefaults.Hosting;

/// <summary>Kestrel's "address already in use", however deep it is wrapped: the user's to fix, said in one line.</summary>
public static class AddressInUse
{
    public static bool Is(Exception exception)
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
