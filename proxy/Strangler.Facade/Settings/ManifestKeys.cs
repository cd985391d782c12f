using Strangler.Comparison;
using Strangler.ServiceDefaults.Security;

namespace Strangler.Facade.Settings;

/// <summary>
/// Every key the <c>Strangler</c> section accepts, by section. The readers refuse any other key with
/// these lists, and the docs tests check the reference against them, so a setting cannot exist
/// without being documented, nor be documented without existing. <c>&lt;name&gt;</c> stands for a
/// name the user chooses (a cluster, a capability, an admin key), <c>&lt;n&gt;</c> for a list index.
/// </summary>
internal static class ManifestKeys
{
    public static readonly string[] TopLevel = ["DefaultCluster", "Clusters", "Capabilities", "Targeting", "Auth", "Authentication", "CallChain", "FlagStore", "Admin", "Proxy", "Shadow", "Recording"];
    public static readonly string[] Cluster = ["Destinations", "HealthPath", "HealthInterval", "HealthTimeout", "RequestTimeout", "ReactivationPeriod", "Host"];
    public static readonly string[] Capability = ["Routes", "Legacy", "Service", "FallbackToLegacy", "InitialState", "Compare", "Shadow", "Record", "Guardrails", "Auth"];
    public static readonly string[] Route = ["Path", "Methods"];
    public static readonly string[] State = ["Mode", "Percentage", "Users", "Groups"];
    public static readonly string[] CapabilityShadow = ["SampleRate", "Timeout", "DryRunWrites", "ReverseInServiceMode", "LearnNoise", "MaxBodyBytes"];
    public static readonly string[] Guardrails = ["Window", "MinRequests", "MinCallers", "MaxServiceErrorRate", "MaxMismatchRate", "MaxLatencyRatio", "Promote"];
    public static readonly string[] Promote = ["Steps", "HoldFor", "MinCompared"];
    public static readonly string[] Targeting = ["UserHeader", "UserClaim", "GroupHeaders", "GroupClaim", "TrustHeaders", "UseClientAddressWhenAnonymous"];
    public static readonly string[] CallChain = ["Secret", "MaxAge"];
    public static readonly string[] FlagStore = ["Provider", "ConnectionString", "SqlitePath", "PollInterval"];
    public static readonly string[] Admin = ["Keys"];
    public static readonly string[] Proxy = ["PassiveHealthWindow"];
    public static readonly string[] Shadow = ["QueueCapacity", "Workers", "MaxRequestBodyBytes", "MaxCapturedBodyBytes", "DryRunSecret", "MismatchRetention", "MaxQueuedBytes", "ShedAboveCpu", "ShedAboveLatencyRatio", "ShedWhenQueueOverflows"];
    public static readonly string[] Recording = ["Directory", "RedactHeaders", "RedactJsonFields", "MaxBodyBytes", "DefaultRoute"];

    /// <summary>Each section's path (as the reference's headings name it) and the keys it accepts.</summary>
    public static IReadOnlyDictionary<string, string[]> BySection { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["Strangler"] = TopLevel,
        ["Strangler:Clusters:<name>"] = Cluster,
        ["Strangler:Capabilities:<name>"] = Capability,
        ["Strangler:Capabilities:<name>:Routes:<n>"] = Route,
        ["Strangler:Capabilities:<name>:InitialState"] = State,
        ["Strangler:Capabilities:<name>:Compare"] = [.. ComparisonRulesReader.KnownKeys],
        ["Strangler:Capabilities:<name>:Shadow"] = CapabilityShadow,
        ["Strangler:Capabilities:<name>:Guardrails"] = Guardrails,
        ["Strangler:Capabilities:<name>:Guardrails:Promote"] = Promote,
        ["Strangler:Targeting"] = Targeting,
        ["Strangler:Authentication"] = TokenSettings.Keys,
        ["Strangler:CallChain"] = CallChain,
        ["Strangler:FlagStore"] = FlagStore,
        ["Strangler:Admin"] = Admin,
        ["Strangler:Proxy"] = Proxy,
        ["Strangler:Shadow"] = Shadow,
        ["Strangler:Recording"] = Recording,
    };

    /// <summary>Adds a problem for every key of <paramref name="section"/> not in <paramref name="known"/>.</summary>
    public static void RejectUnknown(IConfigurationSection section, string[] known, List<string> problems)
    {
        foreach (var child in section.GetChildren())
        {
            if (!known.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"{child.Path} is not a known setting; expected one of {string.Join(", ", known)}.");
            }
        }
    }
}
