namespace Strangler.Contracts;

/// <summary>Headers the façade sets on responses, and the prefix of headers only the façade may send to a backend.</summary>
public static class StranglerHeaders
{
    /// <summary>The cluster that produced the response: the monolith's or the service's name from the manifest.</summary>
    public const string ServedBy = "X-Served-By";

    /// <summary>Present when the service was down and the monolith answered instead; the value says why.</summary>
    public const string Fallback = "X-Strangler-Fallback";

    /// <summary>Follows one request from client to façade to backend, in headers and in every log line.</summary>
    public const string CorrelationId = "X-Correlation-Id";

    /// <summary>
    /// On a shadowed write, asks the service to run it fully and roll it back. The value is the shared
    /// secret (<c>Strangler:Shadow:DryRunSecret</c>), so only the façade can ask.
    /// </summary>
    public const string DryRun = "X-Strangler-Dry-Run";

    /// <summary>On the answer to a dry run: proof that it was honoured (see <see cref="DryRunAcknowledgement"/>).</summary>
    public const string DryRunAcknowledgement = "X-Strangler-Dry-Run-Ack";

    /// <summary>Headers a client may not set: they are stripped before a request is forwarded.</summary>
    /// <summary>Set by <c>strangler compare</c> on every replayed request: a façade never records a request that carries it, so replaying through a recording façade does not feed the file it replays.</summary>
    public const string Replay = "X-Strangler-Replay";

    public const string InternalPrefix = "X-Strangler-";

    /// <summary>
    /// W3C baggage: the façade adds its signed routing decisions to it (member <c>strangler.route</c>), and a
    /// service passes it on with the calls it makes while serving the request, so a hop further down the
    /// chain is routed for the same user and keeps the sides already given.
    /// </summary>
    public const string Baggage = "baggage";
}
