using Strangler.ServiceDefaults.Settings;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing.Patterns;
using Strangler.Comparison;
using Strangler.Contracts;

namespace Strangler.Facade.Settings;

/// <summary>
/// Reads the <c>Strangler</c> section into a <see cref="CapabilityManifest"/>, or lists every problem
/// with it. Reading by hand rather than by binding is deliberate: a misspelt key ("Servce") must be an
/// error, not a silently ignored setting that leaves traffic on the wrong side.
/// </summary>
internal static partial class ManifestReader
{
    public const string SectionName = "Strangler";

    // Cluster and shadow durations: a millisecond at least (zero would mean "never wait"), an hour at most.
    private static readonly TimeSpan MinDuration = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan MaxDuration = TimeSpan.FromHours(1);
    private const int MaxShadowBodyBytes = 64 * 1024 * 1024;
    private static readonly HashSet<string> KnownMethods = new(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"], StringComparer.Ordinal);

    /// <summary>Reads and validates; throws <see cref="InvalidSettingsException"/> listing every problem found.</summary>
    public static CapabilityManifest Read(IConfiguration configuration)
    {
        var root = configuration.GetSection(SectionName);
        var problems = new List<string>();
        ManifestKeys.RejectUnknown(root, ManifestKeys.TopLevel, problems);

        var clusters = ReadClusters(root.GetSection("Clusters"), problems);
        var defaultCluster = root["DefaultCluster"];
        if (string.IsNullOrWhiteSpace(defaultCluster))
        {
            problems.Add($"{SectionName}:DefaultCluster is required: the cluster (usually the monolith) that answers everything no capability claims.");
        }
        else if (!clusters.ContainsKey(defaultCluster))
        {
            problems.Add($"{SectionName}:DefaultCluster names '{defaultCluster}', which is not under {SectionName}:Clusters.");
        }

        var defaultAuth = ReadAuth(root, AuthMode.None, problems);
        var capabilities = ReadCapabilities(root.GetSection("Capabilities"), clusters, defaultAuth, problems);
        var targeting = ReadTargeting(root.GetSection("Targeting"), problems);
        var identity = IdentityReader.Read(root, defaultAuth, capabilities, problems);
        if (problems.Count > 0)
        {
            throw FacadeSettingsRefusal.Of(problems);
        }

        return new CapabilityManifest(defaultCluster!, clusters, capabilities, targeting, identity);
    }

    private static Dictionary<string, ClusterDefinition> ReadClusters(IConfigurationSection section, List<string> problems)
    {
        var clusters = new Dictionary<string, ClusterDefinition>(StringComparer.Ordinal);
        foreach (var cluster in section.GetChildren())
        {
            var path = cluster.Path;
            CheckName(cluster.Key, path, problems);
            ManifestKeys.RejectUnknown(cluster, ManifestKeys.Cluster, problems);
            var destinations = new List<Uri>();
            foreach (var destination in Values(cluster.GetSection("Destinations"), "[\"http://127.0.0.1:5100\"]", problems))
            {
                if (Uri.TryCreate(destination, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && string.IsNullOrEmpty(uri.Query))
                {
                    destinations.Add(uri);
                }
                else
                {
                    problems.Add($"{path}:Destinations has '{destination}'; expected an absolute http:// or https:// address without a query.");
                }
            }

            if (destinations.Count == 0 && !cluster.GetSection("Destinations").GetChildren().Any())
            {
                problems.Add($"{path}:Destinations needs at least one address, e.g. [\"http://127.0.0.1:5100\"].");
            }

            var healthPath = cluster["HealthPath"];
            if (healthPath is not null && HealthPathProblem(healthPath) is { } healthProblem)
            {
                problems.Add($"{path}:HealthPath is '{healthPath}'; {healthProblem}");
            }

            var timings = new SettingReader(cluster, problems);
            clusters[cluster.Key] = new ClusterDefinition(
                cluster.Key,
                destinations,
                string.IsNullOrWhiteSpace(healthPath) ? null : healthPath,
                timings.Duration("HealthInterval", TimeSpan.FromSeconds(5), MinDuration, MaxDuration),
                timings.Duration("HealthTimeout", TimeSpan.FromSeconds(2), MinDuration, MaxDuration),
                timings.Duration("RequestTimeout", TimeSpan.FromSeconds(30), MinDuration, MaxDuration),
                timings.Duration("ReactivationPeriod", TimeSpan.FromSeconds(10), MinDuration, MaxDuration),
                ReadHost(cluster, problems));
        }

        if (clusters.Count == 0)
        {
            problems.Add($"{section.Path} is empty; name at least the monolith's cluster.");
        }

        return clusters;
    }

    private static bool ReadHost(IConfigurationSection cluster, List<string> problems)
    {
        switch (cluster["Host"])
        {
            case null or "Client":
                return true;
            case "Destination":
                return false;
            case var other:
                problems.Add($"{cluster.Path}:Host is '{other}'; expected Client (the destination gets the Host the client sent: links it builds name the façade) or Destination (it gets its own address as Host).");
                return true;
        }
    }

    // Absolute-path-and-query only: YARP's active check sends it as is to every destination.
    private static string? HealthPathProblem(string healthPath) =>
        !healthPath.StartsWith('/') || healthPath.StartsWith("//", StringComparison.Ordinal) ? "expected a path starting with a single '/', such as /health/ready."
        : healthPath.Contains('#', StringComparison.Ordinal) ? "a fragment (#) is never sent; leave it out."
        : healthPath.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) ? "spaces and control characters must be escaped (%20)."
        : !Uri.TryCreate("http://destination" + healthPath, UriKind.Absolute, out _) ? "it is not a valid path and query."
        : null;

    private static List<Capability> ReadCapabilities(
        IConfigurationSection section, IReadOnlyDictionary<string, ClusterDefinition> clusters, AuthMode defaultAuth, List<string> problems)
    {
        var capabilities = new List<Capability>();
        var claimed = new List<ClaimedRoute>();
        foreach (var capability in section.GetChildren())
        {
            var path = capability.Path;
            CheckName(capability.Key, path, problems);
            ManifestKeys.RejectUnknown(capability, ManifestKeys.Capability, problems);
            var routes = ReadRoutes(capability, claimed, problems);
            var legacy = RequiredCluster(capability, "Legacy", clusters, problems);
            var service = RequiredCluster(capability, "Service", clusters, problems);
            if (legacy is not null && legacy == service)
            {
                problems.Add($"{path}:Service is the same cluster as {path}:Legacy ('{legacy}'); a capability moves between two different sides.");
            }

            var settings = new SettingReader(capability, problems);
            capabilities.Add(new Capability(
                capability.Key,
                routes,
                legacy ?? "",
                service ?? "",
                settings.Boolean("FallbackToLegacy", true),
                ReadInitialState(capability.GetSection("InitialState"), problems),
                ReadCompare(capability.GetSection("Compare"), problems),
                ReadShadow(capability.GetSection("Shadow"), problems),
                settings.Fraction("Record", 0),
                ReadGuardrails(capability.GetSection("Guardrails"), problems),
                ReadAuth(capability, defaultAuth, problems)));
        }

        return capabilities;
    }

    /// <summary>A route a capability took, kept to find the next capability's routes that overlap it.</summary>
    private sealed record ClaimedRoute(string Capability, string Path, RoutePattern Pattern, IReadOnlyList<string> Methods);

    private static List<CapabilityRoute> ReadRoutes(IConfigurationSection capability, List<ClaimedRoute> claimed, List<string> problems)
    {
        var routes = new List<CapabilityRoute>();
        foreach (var route in capability.GetSection("Routes").GetChildren())
        {
            ManifestKeys.RejectUnknown(route, ManifestKeys.Route, problems);
            var routePath = route["Path"];
            if (string.IsNullOrWhiteSpace(routePath) || !routePath.StartsWith('/'))
            {
                problems.Add($"{route.Path}:Path is '{routePath}'; expected a path pattern starting with '/', e.g. /api/catalog/{{**rest}}.");
                continue;
            }

            if (routePath.Equals(AdminRoutes.Prefix, StringComparison.OrdinalIgnoreCase) ||
                routePath.StartsWith(AdminRoutes.Prefix + "/", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{route.Path}:Path '{routePath}' is under {AdminRoutes.Prefix}, which the façade keeps for itself.");
                continue;
            }

            if (RoutePatternChecks.ForeignSyntax(routePath) is { } foreign)
            {
                problems.Add($"{route.Path}:Path '{routePath}': {foreign}");
                continue;
            }

            RoutePattern pattern;
            try
            {
                pattern = RoutePatternFactory.Parse(routePath);
            }
            catch (RoutePatternException exception)
            {
                problems.Add($"{route.Path}:Path '{routePath}' is not a valid route pattern: {exception.Message}");
                continue;
            }

            var methods = Values(route.GetSection("Methods"), "[\"GET\"]", problems)
                .Select(m => m.Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();
            foreach (var method in methods.Where(m => !KnownMethods.Contains(m)))
            {
                problems.Add($"{route.Path}:Methods has '{method}'; expected some of {string.Join(", ", KnownMethods)}.");
            }

            var effective = methods.Count == 0 ? KnownMethods.ToList() : methods;
            foreach (var other in claimed.Where(c => c.Capability != capability.Key && c.Methods.Intersect(effective).Any() && RoutePatternChecks.Overlap(c.Pattern, pattern)))
            {
                var shared = string.Join(", ", other.Methods.Intersect(effective));
                problems.Add($"{route.Path}:Path '{routePath}' overlaps '{other.Path}' of capability '{other.Capability}' for {shared}: " +
                    "some request would match both, and a request must belong to one capability. Narrow one of them, or move the route into one capability.");
            }

            claimed.Add(new ClaimedRoute(capability.Key, routePath, pattern, effective));
            routes.Add(new CapabilityRoute(routePath, methods));
        }

        if (routes.Count == 0 && !capability.GetSection("Routes").GetChildren().Any())
        {
            problems.Add($"{capability.Path}:Routes needs at least one route, e.g. {{ \"Path\": \"/api/catalog/{{**rest}}\", \"Methods\": [\"GET\"] }}.");
        }

        return routes;
    }

    private static CapabilityState ReadInitialState(IConfigurationSection section, List<string> problems)
    {
        ManifestKeys.RejectUnknown(section, ManifestKeys.State, problems);
        var mode = CapabilityMode.Legacy;
        var modeText = section["Mode"];
        if (modeText is not null && !Enum.TryParse(modeText, ignoreCase: true, out mode))
        {
            problems.Add($"{section.Path}:Mode is '{modeText}'; expected one of {string.Join(", ", Enum.GetNames<CapabilityMode>())}.");
        }

        var percentage = 0d;
        var percentageText = section["Percentage"];
        if (percentageText is not null &&
            (!double.TryParse(percentageText, NumberStyles.Float, CultureInfo.InvariantCulture, out percentage) || percentage is < 0 or > 100))
        {
            problems.Add($"{section.Path}:Percentage is '{percentageText}'; expected a number from 0 to 100.");
        }

        return new CapabilityState(mode, percentage, Values(section.GetSection("Users")), Values(section.GetSection("Groups")));
    }

    /// <summary>The comparer reads its own rules: one reading of "what counts as the same" for façade, tests and CLI.</summary>
    private static ComparisonRules ReadCompare(IConfigurationSection section, List<string> problems) =>
        section.Exists()
            ? ComparisonRulesReader.Read(ConfigurationJson.ToJson(section), section.Path, problems)
            : ComparisonRules.Strict;

    private static ShadowSettings ReadShadow(IConfigurationSection section, List<string> problems)
    {
        ManifestKeys.RejectUnknown(section, ManifestKeys.CapabilityShadow, problems);
        var defaults = ShadowSettings.Default;
        var settings = new SettingReader(section, problems);
        return new ShadowSettings(
            settings.Fraction("SampleRate", defaults.SampleRate),
            settings.Duration("Timeout", defaults.Timeout, MinDuration, MaxDuration),
            settings.Boolean("DryRunWrites", defaults.DryRunWrites),
            settings.Boolean("ReverseInServiceMode", defaults.ReverseInServiceMode),
            settings.Fraction("LearnNoise", defaults.LearnNoise),
            section["MaxBodyBytes"] is null ? null : settings.Whole("MaxBodyBytes", 0, 0, MaxShadowBodyBytes));
    }

    private static GuardrailSettings ReadGuardrails(IConfigurationSection section, List<string> problems)
    {
        if (!section.Exists())
        {
            return GuardrailSettings.None;
        }

        ManifestKeys.RejectUnknown(section, ManifestKeys.Guardrails, problems);
        var defaults = GuardrailSettings.None;
        var settings = new SettingReader(section, problems);
        double? Optional(string key) => section[key] is null ? null : settings.Fraction(key, 0);
        double? ratio = null;
        if (section["MaxLatencyRatio"] is { } ratioText)
        {
            if (double.TryParse(ratioText, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 100)
            {
                ratio = value;
            }
            else
            {
                problems.Add($"{section.Path}:MaxLatencyRatio is '{ratioText}'; expected a number from 1 to 100 (service p99 over legacy p99).");
            }
        }

        return new GuardrailSettings(
            settings.Duration("Window", defaults.Window, TimeSpan.FromSeconds(1), MaxDuration),
            settings.Whole("MinRequests", defaults.MinRequests, 1, 1_000_000),
            Optional("MaxServiceErrorRate"),
            Optional("MaxMismatchRate"),
            ratio,
            ReadPromotion(section.GetSection("Promote"), problems),
            settings.Whole("MinCallers", GuardrailSettings.DefaultMinCallers, 1, Observability.FailureCallers.MaxCallersPerSecond));
    }

    private static PromotionSettings? ReadPromotion(IConfigurationSection section, List<string> problems)
    {
        if (!section.Exists())
        {
            return null;
        }

        ManifestKeys.RejectUnknown(section, ManifestKeys.Promote, problems);
        var steps = new List<double>();
        foreach (var text in Values(section.GetSection("Steps")))
        {
            if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var step) || step is <= 0 or > 100
                || (steps.Count > 0 && step <= steps[^1]))
            {
                problems.Add($"{section.Path}:Steps has '{text}'; expected percentages above 0, at most 100, each larger than the one before.");
                continue;
            }

            steps.Add(step);
        }

        if (steps.Count == 0)
        {
            problems.Add($"{section.Path}:Steps is required: the canary percentages to go through, such as [ 1, 5, 25, 50, 100 ].");
        }

        var settings = new SettingReader(section, problems);
        return new PromotionSettings(
            steps,
            settings.Duration("HoldFor", TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(1), TimeSpan.FromDays(7)),
            settings.Whole("MinCompared", 100, 0, 10_000_000));
    }

    private static TargetingOptions ReadTargeting(IConfigurationSection section, List<string> problems)
    {
        ManifestKeys.RejectUnknown(section, ManifestKeys.Targeting, problems);
        var defaults = TargetingOptions.Default;
        var groupHeaders = section.GetSection("GroupHeaders").GetChildren().Any() ? Values(section.GetSection("GroupHeaders")) : defaults.GroupHeaders;
        var settings = new SettingReader(section, problems);
        return new TargetingOptions(
            section["UserHeader"] ?? defaults.UserHeader,
            section["UserClaim"] ?? defaults.UserClaim,
            groupHeaders,
            section["GroupClaim"] is { } claims ? claims.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : defaults.GroupClaims,
            settings.Boolean("UseClientAddressWhenAnonymous", defaults.UseClientAddressWhenAnonymous),
            section["TrustHeaders"] is null ? null : settings.Boolean("TrustHeaders", false));
    }

    /// <summary>The section's <c>Auth</c>; absent, the <paramref name="fallback"/> (a capability takes the default route's).</summary>
    private static AuthMode ReadAuth(IConfigurationSection section, AuthMode fallback, List<string> problems)
    {
        if (section["Auth"] is not { } text)
        {
            return fallback;
        }

        if (Enum.TryParse<AuthMode>(text, ignoreCase: true, out var mode) && Enum.IsDefined(mode) && !int.TryParse(text, out _))
        {
            return mode;
        }

        problems.Add($"{section.Path}:Auth is '{text}'; expected None, Optional or Required.");
        return fallback;
    }

    private static string? RequiredCluster(IConfigurationSection capability, string key, IReadOnlyDictionary<string, ClusterDefinition> clusters, List<string> problems)
    {
        var name = capability[key];
        if (string.IsNullOrWhiteSpace(name))
        {
            problems.Add($"{capability.Path}:{key} is required: the name of a cluster under {SectionName}:Clusters.");
            return null;
        }

        if (!clusters.ContainsKey(name))
        {
            problems.Add($"{capability.Path}:{key} names '{name}', which is not under {SectionName}:Clusters.");
            return null;
        }

        return name;
    }

    private static List<string> Values(IConfigurationSection section) =>
        section.GetChildren().Select(child => child.Value).Where(value => !string.IsNullOrWhiteSpace(value)).Select(value => value!.Trim()).ToList();

    /// <summary>The array's values; a single string where an array belongs is a problem, not an empty list (which often means "all").</summary>
    private static List<string> Values(IConfigurationSection section, string example, List<string> problems)
    {
        if (section.Value is { Length: > 0 } single)
        {
            problems.Add($"{section.Path} is the string '{single}'; expected an array, such as {example}.");
        }

        return Values(section);
    }

    private static void CheckName(string name, string path, List<string> problems)
    {
        if (!NamePattern().IsMatch(name))
        {
            problems.Add($"{path}: the name '{name}' must be lower-case letters, digits and dashes (at most 63), starting with a letter or digit.");
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex NamePattern();
}
