using System.Text.RegularExpressions;
using Strangler.Contracts;

namespace Strangler.Cli.Doctor;

/// <summary>
/// The doctor's checks of a manifest against the systems it names:
/// <list type="number">
/// <item>each destination's health path answers 2xx;</item>
/// <item>each capability route with a plain GET sample answers both sides with the same status;</item>
/// <item>the links in those answers, fetched through the façade, name the façade and not a backend;</item>
/// <item>where writes are shadowed as dry runs, the service proves it honours the dry-run marker.</item>
/// </list>
/// A route with parameters has no sample of its own; pass one with <c>--sample</c>.
/// </summary>
internal sealed partial class DoctorChecks(DoctorManifest manifest, Uri? facade, IReadOnlyList<string> samples, HttpClient http)
{
    // Every destination's origin: what a link that goes past the façade starts with.
    private readonly HashSet<string> _backends = manifest.Clusters.SelectMany(c => c.Destinations).Select(d => d.GetLeftPart(UriPartial.Authority).ToLowerInvariant()).ToHashSet();

    public async Task<List<DoctorCheck>> RunAsync(CancellationToken cancellationToken)
    {
        var checks = new List<DoctorCheck>();
        foreach (var cluster in manifest.Clusters)
        {
            checks.AddRange(await HealthAsync(cluster, cancellationToken));
        }

        foreach (var capability in manifest.Capabilities)
        {
            foreach (var sample in SamplesOf(capability))
            {
                checks.AddRange(await SampleAsync(capability, sample, cancellationToken));
            }

            if (capability.DryRunWrites)
            {
                checks.Add(await DryRunAsync(capability, cancellationToken));
            }
        }

        return checks;
    }

    private async Task<IEnumerable<DoctorCheck>> HealthAsync(DoctorCluster cluster, CancellationToken cancellationToken)
    {
        if (cluster.HealthPath is null)
        {
            return [new DoctorCheck("health", cluster.Name, false, "no HealthPath: only real traffic can tell the façade this side is down",
                $"set Strangler:Clusters:{cluster.Name}:HealthPath to a path that answers 2xx when the system can serve, such as /health/ready")];
        }

        var checks = new List<DoctorCheck>();
        foreach (var destination in cluster.Destinations)
        {
            var url = new Uri(destination, cluster.HealthPath);
            var (status, seen) = await GetAsync(url, cancellationToken);
            checks.Add(status is >= 200 and < 300
                ? new DoctorCheck("health", cluster.Name, true, $"GET {url} {seen}")
                : new DoctorCheck("health", cluster.Name, false, $"GET {url} {seen}",
                    $"set Strangler:Clusters:{cluster.Name}:HealthPath to a path this system answers with 2xx (it is probed every HealthInterval; until it passes the side reads as unhealthy)"));
        }

        return checks;
    }

    private async Task<IEnumerable<DoctorCheck>> SampleAsync(DoctorCapability capability, string path, CancellationToken cancellationToken)
    {
        if (manifest.Cluster(capability.Legacy)?.Destinations.FirstOrDefault() is not { } legacy
            || manifest.Cluster(capability.Service)?.Destinations.FirstOrDefault() is not { } service)
        {
            return [new DoctorCheck("route", $"{capability.Name} GET {path}", false, "a side of the capability names no cluster with a destination",
                $"give Strangler:Capabilities:{capability.Name}:Legacy and :Service clusters that have Destinations")];
        }

        var (legacyStatus, legacySeen) = await GetAsync(new Uri(legacy, path), cancellationToken);
        var (serviceStatus, serviceSeen) = await GetAsync(new Uri(service, path), cancellationToken);
        var checks = new List<DoctorCheck>
        {
            legacyStatus == serviceStatus && legacyStatus is not null
                ? new DoctorCheck("route", $"{capability.Name} GET {path}", true, $"both sides {legacySeen}")
                : new DoctorCheck("route", $"{capability.Name} GET {path}", false, $"{capability.Legacy} {legacySeen}, {capability.Service} {serviceSeen}",
                    "the service must answer this route as the monolith does before it takes traffic; compare the two answers with strangler compare"),
        };
        if (facade is not null)
        {
            checks.Add(await LinksAsync(capability, path, cancellationToken));
        }

        return checks;
    }

    private async Task<DoctorCheck> LinksAsync(DoctorCapability capability, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(facade!, path));
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var headers = new[] { "Location", "Content-Location", "Link" }
                .SelectMany(name => response.Headers.TryGetValues(name, out var v) ? v : response.Content.Headers.TryGetValues(name, out var c) ? c : []);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var leaks = AbsoluteUrl().Matches(string.Join(" ", headers) + " " + body)
                .Select(m => m.Groups["origin"].Value.ToLowerInvariant()).Where(_backends.Contains).Distinct().ToList();
            return leaks.Count == 0
                ? new DoctorCheck("links", $"{capability.Name} GET {path}", true, "no link in the answer through the façade names a backend")
                : new DoctorCheck("links", $"{capability.Name} GET {path}", false, $"the answer through the façade names {string.Join(", ", leaks)}",
                    "headers are rewritten to the façade; a body is not. Let the backend build links from the Host it receives (the façade sends the client's, Host: Client), or from X-Forwarded-Host");
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new DoctorCheck("links", $"{capability.Name} GET {path}", false, $"the façade at {facade} could not be reached: {exception.Message}", "start the façade, or leave out --facade");
        }
    }

    private async Task<DoctorCheck> DryRunAsync(DoctorCapability capability, CancellationToken cancellationToken)
    {
        var subject = $"{capability.Name} ({capability.Service})";
        if (manifest.DryRunSecret is not { } secret)
        {
            return new DoctorCheck("dry-run", subject, false, "DryRunWrites is on but Strangler:Shadow:DryRunSecret is not in this file",
                "set the secret (the façade refuses to start without it), or pass the file that holds it");
        }

        if (manifest.Cluster(capability.Service)?.Destinations.FirstOrDefault() is not { } service
            || SamplesOf(capability).FirstOrDefault() is not { } path)
        {
            return new DoctorCheck("dry-run", subject, false, "no sample path to ask the service with", "pass one with --sample");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(service, path));
        request.Headers.TryAddWithoutValidation(StranglerHeaders.DryRun, secret);
        request.Headers.TryAddWithoutValidation(StranglerHeaders.CorrelationId, "strangler-doctor");
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return DryRunAcknowledgement.IsIn(response, request, secret)
                ? new DoctorCheck("dry-run", subject, true, $"GET {path} with the marker answered {(int)response.StatusCode} with a valid {StranglerHeaders.DryRunAcknowledgement}")
                : new DoctorCheck("dry-run", subject, false, $"GET {path} with the marker answered {(int)response.StatusCode} without a valid {StranglerHeaders.DryRunAcknowledgement}",
                    "the service must roll back a request marked X-Strangler-Dry-Run and prove it (docs/06, Dry runs); until it does, its write copies are not honoured");
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new DoctorCheck("dry-run", subject, false, $"{service} could not be reached: {exception.Message}", "start the service");
        }
    }

    /// <summary>Plain GET routes as they are, a catch-all by its prefix, and the --sample paths a capability's routes match.</summary>
    private IEnumerable<string> SamplesOf(DoctorCapability capability)
    {
        var own = capability.Routes.Where(r => r.Methods.Count == 0 || r.Methods.Contains("GET"))
            .Select(r => r.Path.EndsWith("/{**rest}", StringComparison.Ordinal) ? r.Path[..^"/{**rest}".Length] : r.Path)
            .Where(p => p.Length > 0 && !p.Contains('{', StringComparison.Ordinal));
        var given = samples.Where(sample => capability.Routes.Any(r => Matches(r.Path, sample)));
        return own.Concat(given).Distinct();
    }

    private static bool Matches(string pattern, string sample)
    {
        var regex = "^" + string.Concat(pattern.Split('/').Select((segment, i) =>
            (i == 0 ? "" : "/") + (segment.StartsWith("{**", StringComparison.Ordinal) ? ".*" : segment.StartsWith('{') ? "[^/]+" : Regex.Escape(segment)))) + "$";
        return Regex.IsMatch(sample.Split('?')[0], regex, RegexOptions.IgnoreCase);
    }

    private async Task<(int? Status, string Seen)> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(url, cancellationToken);
            return ((int)response.StatusCode, $"answered {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd());
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (null, $"failed: {exception.GetBaseException().Message}");
        }
    }

    [GeneratedRegex(@"(?<origin>https?://[^/\s""'<>?#;,]+)", RegexOptions.IgnoreCase)]
    private static partial Regex AbsoluteUrl();
}
