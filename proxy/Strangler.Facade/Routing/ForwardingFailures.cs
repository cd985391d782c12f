using Strangler.Facade.Requests;

namespace Strangler.Facade.Routing;

/// <summary>One log line per failed try, saying what failed; the stack only at Debug (YARP's own warning with it is filtered out, see FacadeLogging).</summary>
internal sealed class ForwardingFailures(ILogger<ForwardingFailures> logger)
{
    public void Log(HttpContext context, string cluster)
    {
        if (FaultAttribution.FailedForward(context) is not { } failure)
        {
            return;
        }

        var reason = failure.Exception?.GetBaseException().Message ?? failure.Error.ToString();
        logger.LogWarning("{Cluster} failed {Method} {Path}: {Error}, {Reason}", cluster, context.Request.Method, context.Request.Path, failure.Error, reason);
        if (logger.IsEnabled(LogLevel.Debug) && failure.Exception is { } exception)
        {
            logger.LogDebug(exception, "{Cluster} failed {Method} {Path}: the exception", cluster, context.Request.Method, context.Request.Path);
        }
    }
}
