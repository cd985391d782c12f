namespace Strangler.Facade.Hosting;

/// <summary>Kestrel's "address already in use", however deep it is wrapped: the user's to fix, said in one line.</summary>
internal static class AddressInUse
{
    public static bool Is(Exception exception) =>
        exception is IOException && exception.GetBaseException() is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse }
            or Microsoft.AspNetCore.Connections.AddressInUseException;
}
