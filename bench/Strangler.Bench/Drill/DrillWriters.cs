using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Strangler.Contracts;

namespace Strangler.Bench.Drill;

/// <summary>
/// N writers placing, cancelling and paying (capturing) orders through the façade, as customers and a
/// back office would, until the drill's number of writes is sent. Each keeps the orders it placed, so
/// it cancels and pays real ones. An answer is accepted (2xx), refused (4xx: out of stock, already
/// cancelled) or failed (5xx, or no answer: a part was down). Writers can be paused between writes,
/// with none in flight, for a mode switch.
/// </summary>
internal sealed class DrillWriters(Uri facade, string adminKey, int writers, int writes, int seed) : IDisposable
{
    public const string Place = "place";
    public const string Cancel = "cancel";
    public const string Pay = "pay";

    /// <summary>The tally's kind for accepted placements, counted by the side that answered (the outcome).</summary>
    public const string PlacedBy = "placed-by";

    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(2);
    private readonly HttpClient _http = new() { BaseAddress = facade, Timeout = TimeSpan.FromSeconds(30) };
    private readonly Dictionary<(string Kind, string Outcome), int> _tally = [];
    private readonly Lock _tallyGate = new();
    private TaskCompletionSource _open = OpenGate();
    private int _claimed;
    private int _done;
    private int _inFlight;

    public int Done => Volatile.Read(ref _done);

    public IReadOnlyDictionary<(string Kind, string Outcome), int> Tally
    {
        get
        {
            lock (_tallyGate)
            {
                return new Dictionary<(string, string), int>(_tally);
            }
        }
    }

    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, writers).Select(index => Task.Run(() => WriteAsync(new Random(seed + index), cancellationToken), cancellationToken)));

    /// <summary>Stops writers at their next write and returns once none is in flight.</summary>
    public async Task PauseAsync(TimeSpan deadline, CancellationToken cancellationToken)
    {
        _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var until = DateTime.UtcNow + deadline;
        while (Volatile.Read(ref _inFlight) > 0)
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Writes were still in flight after {deadline.TotalSeconds:0} s.");
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    public void Resume() => _open.TrySetResult();

    private async Task WriteAsync(Random random, CancellationToken cancellationToken)
    {
        var customers = Enumerable.Range(0, 8).Select(_ => NewGuid(random)).ToArray();
        var mine = new List<(Guid Order, Guid Payment)>();
        var failedInARow = 0;
        while (Interlocked.Increment(ref _claimed) <= writes)
        {
            // In flight first, then the gate: a pause that finds none in flight can trust that none starts.
            Interlocked.Increment(ref _inFlight);
            while (!_open.Task.IsCompleted)
            {
                Interlocked.Decrement(ref _inFlight);
                await _open.Task.WaitAsync(cancellationToken);
                Interlocked.Increment(ref _inFlight);
            }

            try
            {
                var roll = random.NextDouble();
                if (mine.Count == 0 || roll < 0.5)
                {
                    var (order, failed) = await SendAsync(Place, HttpMethod.Post, "/api/orders", new
                    {
                        customerId = customers[random.Next(customers.Length)],
                        lines = new[] { new { sku = $"SKU-{random.Next(1, 1001):D5}", quantity = random.Next(1, 3) } },
                    }, admin: false, cancellationToken);
                    if (order is { } placed)
                    {
                        mine.Add((placed.GetProperty("id").GetGuid(), placed.GetProperty("paymentId").GetGuid()));
                    }

                    failedInARow = failed ? failedInARow + 1 : 0;
                }
                else if (roll < 0.75)
                {
                    var index = random.Next(mine.Count);
                    var target = mine[index];
                    mine.RemoveAt(index);
                    failedInARow = (await SendAsync(Cancel, HttpMethod.Post, $"/api/orders/{target.Order}/cancel", new { reason = "crash drill" }, admin: false, cancellationToken)).Failed
                        ? failedInARow + 1 : 0;
                }
                else
                {
                    var target = mine[random.Next(mine.Count)];
                    failedInARow = (await SendAsync(Pay, HttpMethod.Post, $"/api/payments/{target.Payment}/capture", new { }, admin: true, cancellationToken)).Failed
                        ? failedInARow + 1 : 0;
                }
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
                Interlocked.Increment(ref _done);
            }

            if (failedInARow > 0)
            {
                // A client that finds the system down backs off, as one would, rather than spend the drill's writes in a burst of refusals.
                var pause = FirstPause * Math.Pow(2, Math.Min(failedInARow - 1, 4));
                await Task.Delay(pause < LongestPause ? pause : LongestPause, cancellationToken);
            }
        }
    }

    private async Task<(JsonElement? Answer, bool Failed)> SendAsync(string kind, HttpMethod method, string path, object body, bool admin, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        if (admin)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        }

        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            Count(kind, status < 300 ? "accepted" : status < 500 ? "refused" : "failed");
            if (status < 300 && kind == Place && response.Headers.TryGetValues(StranglerHeaders.ServedBy, out var sides))
            {
                Count(PlacedBy, sides.First());
            }
            return (status < 300 ? JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement.Clone() : null, status >= 500);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Count(kind, "failed");
            return (null, true);
        }
    }

    private static Guid NewGuid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private void Count(string kind, string outcome)
    {
        lock (_tallyGate)
        {
            _tally[(kind, outcome)] = _tally.GetValueOrDefault((kind, outcome)) + 1;
        }
    }

    private static TaskCompletionSource OpenGate()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }

    public void Dispose() => _http.Dispose();
}
