using System.Collections.Concurrent;
using Strangler.Comparison;

namespace Strangler.Cli.Replay;

/// <summary>The outcome of one replayed request.</summary>
internal sealed record ReplayResult(RecordedRequest Request, int? LegacyStatus, int? CandidateStatus, IReadOnlyList<Difference> Differences, string? Error)
{
    public bool Matched => Error is null && Differences.Count == 0;
}

/// <summary>
/// Sends each request to both systems (the legacy one first), and compares the answers with the same
/// comparer and rules the façade uses. A bounded number run at once; the whole run is bounded by the
/// request count, and each call by the timeout. With a dry-run secret, every write goes to both
/// systems as a dry run (rolled back there), so replaying writes changes neither; a system that
/// answers one without the acknowledgement stops the run (<see cref="DryRunNotHonouredException"/>)
/// before anything more is sent to either side.
/// </summary>
internal sealed class ReplayRunner(Uri legacy, Uri candidate, RulesFile rules, bool learnNoise, TimeSpan timeout, string? dryRunSecret = null) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false }) { Timeout = timeout };
    private const string CorrelationHeader = Strangler.Contracts.StranglerHeaders.CorrelationId;

    private readonly ConcurrentDictionary<string, LearnedNoise> _noise = new(StringComparer.Ordinal);

    // Dry-run writes go one at a time, so that the first one a system does not acknowledge is the last
    // write sent: nothing in flight beside it could be written for real too.
    private readonly SemaphoreSlim _oneWriteAtATime = new(1, 1);
    private volatile DryRunNotHonouredException? _notHonoured;

    /// <summary>The first write a system answered without acknowledging the dry run; the run stopped there.</summary>
    public DryRunNotHonouredException? NotHonoured => _notHonoured;

    public async Task<List<ReplayResult>> RunAsync(IReadOnlyList<RecordedRequest> requests, int parallel, CancellationToken cancellationToken)
    {
        var results = new ReplayResult[requests.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, requests.Count),
            new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken },
            async (index, token) => results[index] = await ReplayAsync(requests[index], token));
        return [.. results];
    }

    private async Task<ReplayResult> ReplayAsync(RecordedRequest request, CancellationToken cancellationToken)
    {
        // One correlation id for every call of this request, as the façade does: systems that echo it
        // (in headers or problem bodies) must not differ by it.
        if (!request.Headers.ContainsKey(CorrelationHeader))
        {
            request = request with { Headers = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase) { [CorrelationHeader] = $"compare-{Guid.NewGuid():N}" } };
        }

        if (dryRunSecret is not null && !IsRead(request.Method))
        {
            request = request with { Headers = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase) { [Strangler.Contracts.StranglerHeaders.DryRun] = dryRunSecret } };
        }

        CapturedResponse left;
        CapturedResponse right;
        var write = dryRunSecret is not null && !IsRead(request.Method);
        if (write)
        {
            await _oneWriteAtATime.WaitAsync(cancellationToken);
        }

        try
        {
            left = await SendAsync(legacy, "legacy", request, cancellationToken);
            right = await SendAsync(candidate, "candidate", request, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return new ReplayResult(request, null, null, [], exception is TaskCanceledException ? $"no answer within {_http.Timeout.TotalSeconds:0.#} s" : exception.Message);
        }
        finally
        {
            if (write)
            {
                _oneWriteAtATime.Release();
            }
        }

        var ruleSet = rules.For(request.Capability);
        if (learnNoise && IsRead(request.Method))
        {
            try
            {
                var again = await SendAsync(legacy, "legacy", request, cancellationToken);
                var key = request.Capability ?? "";
                var learned = NoiseLearner.Learn(left, again, ruleSet);
                _noise.AddOrUpdate(key, learned, (_, known) => new LearnedNoise(
                    [.. known.Paths.Union(learned.Paths, StringComparer.Ordinal)], [.. known.Headers.Union(learned.Headers, StringComparer.OrdinalIgnoreCase)]));
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Learning is best effort: the comparison itself still stands.
            }

            if (_noise.TryGetValue(request.Capability ?? "", out var noise))
            {
                ruleSet = noise.ApplyTo(ruleSet);
            }
        }

        var result = new ResponseComparer(ruleSet).Compare(left, right);
        return new ReplayResult(request, left.Status, right.Status, result.Differences, null);
    }

    public IReadOnlyDictionary<string, LearnedNoise> LearnedNoise => _noise;

    public static bool IsRead(string method) => method is "GET" or "HEAD" or "OPTIONS";

    private async Task<CapturedResponse> SendAsync(Uri baseAddress, string side, RecordedRequest request, CancellationToken cancellationToken)
    {
        if (_notHonoured is not null)
        {
            throw new OperationCanceledException("A dry run was not honoured; nothing more is sent.");
        }

        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(baseAddress, request.Path));
        message.Headers.TryAddWithoutValidation(Strangler.Contracts.StranglerHeaders.Replay, "strangler compare");
        if (request.Body.Length > 0)
        {
            message.Content = new ByteArrayContent(request.Body);
        }

        foreach (var (name, value) in request.Headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase) || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var response = await _http.SendAsync(message, cancellationToken);
        if (dryRunSecret is not null && !IsRead(request.Method) && !Strangler.Contracts.DryRunAcknowledgement.IsIn(response, message, dryRunSecret))
        {
            var refusal = new DryRunNotHonouredException(side, baseAddress, request, (int)response.StatusCode);
            Interlocked.CompareExchange(ref _notHonoured, refusal, null);
            throw refusal;
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            headers[name] = string.Join(", ", values);
        }

        return new CapturedResponse((int)response.StatusCode, headers, response.Content.Headers.ContentType?.ToString(), body, body.Length);
    }

    public void Dispose()
    {
        _http.Dispose();
        _oneWriteAtATime.Dispose();
    }
}

/// <summary>A system answered a dry-run write without acknowledging it: it may have written for real.</summary>
internal sealed class DryRunNotHonouredException(string side, Uri system, RecordedRequest request, int status)
    : Exception($"The {side} system ({system}) answered line {request.Line}, {request.Method} {request.Path}, with {status} and no valid " +
        $"{Strangler.Contracts.StranglerHeaders.DryRunAcknowledgement}: it did not prove the dry run was rolled back, so it may have written for real. " +
        "The run stopped there; nothing more was sent.");
