using System.Net;

namespace Ordering.Service.Monolith;

/// <summary>
/// Every call this service makes to the monolith is idempotent by design (a reservation by its id,
/// an authorisation by its order, releases that change nothing the second time), so a call that
/// timed out, could not connect or met a 502/503/504 is sent again, a few times, with a short wait.
/// Each attempt has its own timeout.
/// </summary>
internal sealed class RetryIdempotentCalls(MonolithOptions options) : DelegatingHandler
{
    private static readonly TimeSpan FirstWait = TimeSpan.FromMilliseconds(200);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var perAttempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            perAttempt.CancelAfter(options.Timeout);
            var last = attempt >= options.Retries;
            try
            {
                var response = await base.SendAsync(request, perAttempt.Token);
                if (last || response.StatusCode is not (HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout))
                {
                    return response;
                }

                response.Dispose();
            }
            catch (Exception exception) when (!last && !cancellationToken.IsCancellationRequested && exception is HttpRequestException or OperationCanceledException)
            {
                // transient: try again below
            }

            await Task.Delay(FirstWait * (1 << attempt), cancellationToken);
        }
    }
}
