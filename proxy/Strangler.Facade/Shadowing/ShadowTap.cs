using Strangler.Comparison;
using Strangler.Contracts;
using Yarp.ReverseProxy.Forwarder;
using Strangler.Facade.Requests;

namespace Strangler.Facade.Shadowing;

/// <summary>
/// The request-side half of shadowing: decides whether a request is copied, keeps its body (bounded)
/// and tees the primary answer, then hands both to the queue once the client has its answer. It never
/// changes what the client gets; the only cost on the request is copying bytes into memory.
/// </summary>
internal sealed class ShadowTap(ShadowQueue queue, ShadowStats stats, ShadowMemory memory, ShadowPressure pressure, ShadowOptions options)
{
    /// <summary>Starts capturing when this request is to be copied; null when it is not.</summary>
    public async ValueTask<ShadowCapture?> BeginAsync(HttpContext context, RoutingDecision decision)
    {
        var (capability, mode) = (decision.Claimed!, decision.Mode);
        var side = decision.ServedBy == capability.ServiceCluster ? Side.Service : Side.Legacy;
        ShadowDirection direction;
        if (mode == CapabilityMode.Shadow && side == Side.Legacy)
        {
            direction = ShadowDirection.ToService;
        }
        else if (mode == CapabilityMode.Service && side == Side.Service && capability.Shadow.ReverseInServiceMode)
        {
            direction = ShadowDirection.ToLegacy;
        }
        else
        {
            return null;
        }

        var settings = capability.Shadow;
        if (settings.SampleRate < 1 && Random.Shared.NextDouble() >= settings.SampleRate)
        {
            return null;
        }

        if (pressure.Sheds(capability.Name))
        {
            stats.Dropped(capability.Name, ShadowReasons.Shed, wasTaken: false);
            return null;
        }

        var request = context.Request;
        var dryRun = !ForwardingRules.IsSafe(request.Method);
        if (dryRun && !(direction == ShadowDirection.ToService && settings.DryRunWrites && options.DryRunSecret is not null))
        {
            // A write is copied only where the other side promises to roll it back.
            stats.Skipped(capability.Name, ShadowReasons.WriteNotDryRun);
            return null;
        }

        if (dryRun && stats.WriteCopiesStopped(capability.Name))
        {
            stats.Skipped(capability.Name, ShadowReasons.WritesStopped);
            return null;
        }

        var limit = Math.Min(settings.MaxBodyBytes ?? options.MaxRequestBodyBytes, options.MaxRequestBodyBytes);
        var body = await RequestBody.ReadAsync(context, limit, memory);
        if (body.NotKeptBecause == BodyRefusal.NoRoom)
        {
            stats.Dropped(capability.Name, ShadowReasons.QueueBytesFull, wasTaken: false);
            return null;
        }

        if (body.NotKeptBecause == BodyRefusal.OverLimit)
        {
            stats.Skipped(capability.Name, ShadowReasons.BodyOverLimit);
            return null;
        }

        var headers = request.Headers
            .Where(h => ForwardingRules.IsCarriedOver(h.Key) && !(decision.Baggage is not null && h.Key.Equals(ChainStamp.BaggageHeader, StringComparison.OrdinalIgnoreCase)))
            .Select(h => new KeyValuePair<string, string[]>(h.Key, h.Value.Where(v => v is not null).ToArray()!))
            .ToList();
        if (decision.Baggage is { } baggage)
        {
            // The copy continues the same chain: a service that calls on through the façade gets the same sides.
            headers.Add(new(ChainStamp.BaggageHeader, [baggage]));
        }

        var tee = new ResponseTee(context.Response.Body, options.MaxCapturedBodyBytes);
        var capture = new ShadowCapture(
            new ShadowRequest(capability, direction, request.Method, ForwardedTarget.Of(context), headers, body.Body, dryRun,
                decision.Manifest!.KeepsClientHost(direction == ShadowDirection.ToService ? capability.ServiceCluster : capability.LegacyCluster)
                    ? request.Host.Value
                    : null),
            context.Response.Body,
            tee,
            body.Held);
        context.Response.Body = tee;
        stats.Taken(capability.Name);
        return capture;
    }

    /// <summary>After the primary answered: restores the response and queues the copy, unless the primary failed or was abandoned.</summary>
    public void Complete(HttpContext context, ShadowCapture capture, RoutingDecision decision)
    {
        context.Response.Body = capture.OriginalBody;
        using var tee = capture.Tee;
        // An aborted or failed primary, or one the monolith answered in the service's place, is no
        // evidence about the service: comparing it would only show up as a false mismatch.
        var capability = capture.Request.Capability.Name;
        if (context.RequestAborted.IsCancellationRequested || context.Features.Get<IForwarderErrorFeature>() is not null || decision.Fallback is not null)
        {
            memory.Return(capture.HeldBytes);
            stats.Skipped(capability, ShadowReasons.PrimaryFailed, wasTaken: true);
            return;
        }

        // The primary's captured answer is held from here on too.
        if (!memory.TryTake(tee.Captured.Length))
        {
            memory.Return(capture.HeldBytes);
            stats.Dropped(capability, ShadowReasons.QueueBytesFull);
            return;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in context.Response.Headers)
        {
            headers[name] = values.ToString();
        }

        var primary = new CapturedResponse(context.Response.StatusCode, headers, context.Response.ContentType, tee.Captured, tee.Written, tee.Sha256OfLongBody());
        var learnNoise = capture.Request.Capability.Shadow.LearnNoise;
        var learn = learnNoise > 0 && Random.Shared.NextDouble() < learnNoise;
        queue.Offer(new ShadowWork(capture.Request, primary, context.TraceIdentifier, learn, FaultAttribution.CallerOf(context), capture.HeldBytes + tee.Captured.Length));
    }
}

/// <summary>What the tap keeps of one request while the primary answers.</summary>
internal sealed record ShadowCapture(ShadowRequest Request, Stream OriginalBody, ResponseTee Tee, long HeldBytes);
