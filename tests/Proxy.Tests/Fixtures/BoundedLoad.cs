using System.Collections.Concurrent;
using System.Net;

namespace Proxy.Tests.Fixtures;

/// <summary>
/// A load that stops by itself: a fixed number of workers each sending a fixed number of requests,
/// recording every status and the side that served it. No timing is asserted, only outcomes.
/// </summary>
public sealed class BoundedLoad
{
    private readonly ConcurrentBag<(HttpStatusCode Status, string ServedBy, string? Fallback)> _results = [];

    public IReadOnlyCollection<(HttpStatusCode Status, string ServedBy, string? Fallback)> Results => _results;

    public int Completed => _results.Count;

    /// <summary>Runs <paramref name="workers"/> × <paramref name="requestsEach"/> GETs of <paramref name="path"/>, each worker as its own user.</summary>
    public Task RunAsync(HttpClient client, string path, int workers, int requestsEach) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < requestsEach; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.Add("X-User-Id", $"load-{worker}-{i % 10}");
                try
                {
                    using var response = await client.SendAsync(request);
                    await response.Content.ReadAsByteArrayAsync();
                    _results.Add((response.StatusCode,
                        response.Headers.TryGetValues(Strangler.Contracts.StranglerHeaders.ServedBy, out var by) ? by.Single() : "(none)",
                        response.Headers.TryGetValues(Strangler.Contracts.StranglerHeaders.Fallback, out var why) ? why.Single() : null));
                }
                catch (HttpRequestException exception)
                {
                    _results.Add((0, "(transport error: " + exception.Message + ")", null));
                }
            }
        })));

    public IReadOnlyList<string> Failures() =>
        _results.Where(r => r.Status != HttpStatusCode.OK).Select(r => $"{(int)r.Status} via {r.ServedBy}").ToList();
}
