namespace Strangler.AppHost.Readiness;

/// <summary>
/// Asks every part, round after round, until all of them are ready in the same round or the limit
/// passes. Each part's state is printed when it changes (a line per part), so a slow start says what
/// it waits for instead of going quiet; on giving up it returns each part that was not ready with
/// the last thing its probe said. One instance follows one start, so a part already said to be
/// ready is not said again when a later wait asks it once more.
/// </summary>
internal sealed class ReadinessWait(TextWriter output)
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan BetweenRounds = TimeSpan.FromMilliseconds(250);

    private readonly Dictionary<string, string?> _said = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<(string Part, string Reason)>> UntilReadyAsync(
        IReadOnlyList<SamplePart> parts, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = ProbeTimeout };
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var missing = new List<(string Part, string Reason)>();
            foreach (var part in parts)
            {
                var reason = await AskAsync(http, part, cancellationToken);
                if (!_said.TryGetValue(part.Name, out var before) || before != reason)
                {
                    await output.WriteLineAsync(reason is null ? $"  {part.Name,-17} ready" : $"  {part.Name,-17} waiting: {reason}");
                    _said[part.Name] = reason;
                }

                if (reason is not null)
                {
                    missing.Add((part.Name, reason));
                }
            }

            if (missing.Count == 0 || DateTime.UtcNow >= deadline)
            {
                return missing;
            }

            await Task.Delay(BetweenRounds, cancellationToken);
        }
    }

    private static async Task<string?> AskAsync(HttpClient http, SamplePart part, CancellationToken cancellationToken)
    {
        try
        {
            return await part.Probe(http, part, cancellationToken);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no answer from {part.BaseAddress} within {ProbeTimeout.TotalSeconds:0} s";
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return exception.Message;
        }
    }
}
