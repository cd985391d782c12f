using System.Net.Sockets;
using System.Text;

namespace Testing.Infrastructure.Servers;

/// <summary>
/// Sends bytes no HTTP client would send (broken framing, a cut body) over a plain TCP connection
/// and reads the status code of the answer, if any (a reset reads as none). The connection stays
/// open while it waits: a half-close would read to the server as the client going away.
/// </summary>
public static class RawRequest
{
    /// <summary>The three-digit status of the answer, or "" when the server closed without one.</summary>
    public static Task<string> SendAsync(Uri server, string request) => SendAsync(server, request, status => Task.FromResult(status));

    /// <summary>
    /// Sends, reads the status, then runs <paramref name="whileOpen"/> with the connection still open:
    /// for a check on what the server does after answering (a shadow copy), which a connection closed
    /// at once would turn into a client abort on a busy machine.
    /// </summary>
    public static async Task<T> SendAsync<T>(Uri server, string request, Func<string, Task<T>> whileOpen)
    {
        using var cancel = new CancellationTokenSource(Eventually.Generous);
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port, cancel.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request), cancel.Token);
        using var reader = new StreamReader(stream, Encoding.Latin1);
        string status;
        try
        {
            var statusLine = await reader.ReadLineAsync(cancel.Token);
            status = statusLine is { Length: >= 12 } && statusLine.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) ? statusLine[9..12] : "";
        }
        catch (IOException)
        {
            status = ""; // reset: a server may drop a connection whose framing it cannot trust
        }

        return await whileOpen(status);
    }
}
