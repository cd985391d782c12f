using Microsoft.AspNetCore.Builder;

namespace Strangler.ServiceDefaults.Hosting;

/// <summary>
/// Starts a host run on its own, turning "address already in use" (two stack traces from Kestrel)
/// into one line that names the address and the option that moves it.
/// </summary>
public static class HostStart
{
    /// <summary>False, once the line is written, when the host's address is taken; any other failure is thrown.</summary>
    public static async Task<bool> TryStartAsync(WebApplication app, string name, TextWriter error)
    {
        try
        {
            await app.StartAsync();
            return true;
        }
        catch (IOException exception) when (AddressInUse.Is(exception))
        {
            // Stopped, not just disposed: background work already running (hosted services start before
            // the server binds) then ends as at any stop, where disposing alone reports its cancellation
            // as a fault, with a stack trace, beside the line below.
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await app.StopAsync(stopping.Token);
            await error.WriteLineAsync(
                $"{name}: {exception.Message.TrimEnd('.')}. Another program holds that port: stop it, or start {name} on another port with --urls=http://127.0.0.1:<free port>");
            return false;
        }
    }
}
