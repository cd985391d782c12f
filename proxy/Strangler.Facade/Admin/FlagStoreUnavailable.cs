using System.Data.Common;

namespace Strangler.Facade.Admin;

/// <summary>
/// An admin call that needs the flag store while it does not answer gets a 503 problem that names the
/// store, not a 500: routing goes on by the states last read, and the operator learns what to wait for.
/// </summary>
internal sealed class FlagStoreUnavailable(ILogger<FlagStoreUnavailable> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception exception) when (IsStoreFailure(exception) && !context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            logger.LogWarning("The flag store does not answer; {Method} {Path} refused with 503: {Reason}",
                context.HttpContext.Request.Method, context.HttpContext.Request.Path.Value, exception.GetBaseException().Message);
            context.HttpContext.Response.Headers.RetryAfter = "5";
            var changing = !HttpMethods.IsGet(context.HttpContext.Request.Method);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: changing ? "The flag store does not answer; the change was not made." : "The flag store does not answer.",
                detail: "Routing goes on by the capability states this replica read last. " +
                        (changing ? "Read the capability again before retrying, " : "Retry ") +
                        "once the store answers: /strangler/health/ready reads Healthy again.");
        }
    }

    // The provider's own error (Npgsql, SqlClient, SQLite), however EF Core wrapped it, or a timeout reaching the server.
    private static bool IsStoreFailure(Exception exception)
    {
        for (var e = (Exception?)exception; e is not null; e = e.InnerException)
        {
            if (e is DbException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }
}
