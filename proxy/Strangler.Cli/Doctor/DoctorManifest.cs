using System.Text.Json;

namespace Strangler.Cli.Doctor;

/// <summary>A cluster as the doctor needs it: where its destinations are, what it probes, and whether it keeps the client's Host.</summary>
internal sealed record DoctorCluster(string Name, IReadOnlyList<Uri> Destinations, string? HealthPath, bool ClientHost);

/// <summary>A capability as the doctor needs it: its two sides, its routes, and whether its writes are shadowed as dry runs.</summary>
internal sealed record DoctorCapability(string Name, string Legacy, string Service, IReadOnlyList<(string Path, IReadOnlyList<string> Methods)> Routes, bool DryRunWrites);

/// <summary>
/// The parts of a façade's configuration file (its <c>Strangler</c> section) that can be checked
/// against the live systems. It is read leniently: the façade itself validates a manifest in full
/// (<c>strangler manifest</c>); the doctor looks at what runs.
/// </summary>
internal sealed record DoctorManifest(IReadOnlyList<DoctorCluster> Clusters, IReadOnlyList<DoctorCapability> Capabilities, string? DryRunSecret)
{
    public static DoctorManifest Load(string file)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new CliException($"{file} could not be read as JSON: {exception.Message.Split(" Path:")[0]}", exitCode: 2);
        }

        using (document)
        {
            if (Member(document.RootElement, "Strangler") is not { ValueKind: JsonValueKind.Object } strangler)
            {
                throw new CliException($"{file} has no \"Strangler\" section: pass the façade's appsettings.json (or the file that holds its manifest).", exitCode: 2);
            }

            var clusters = Objects(strangler, "Clusters").Select(c => new DoctorCluster(
                c.Name,
                Strings(c.Value, "Destinations").Select(d => Uri.TryCreate(d, UriKind.Absolute, out var uri) ? uri : null).OfType<Uri>().ToList(),
                Member(c.Value, "HealthPath")?.GetString(),
                Member(c.Value, "Host")?.GetString() != "Destination")).ToList();
            var capabilities = Objects(strangler, "Capabilities").Select(c => new DoctorCapability(
                c.Name,
                Member(c.Value, "Legacy")?.GetString() ?? "",
                Member(c.Value, "Service")?.GetString() ?? "",
                [.. Array(c.Value, "Routes").Select(r => (Member(r, "Path")?.GetString() ?? "", (IReadOnlyList<string>)[.. Strings(r, "Methods").Select(m => m.ToUpperInvariant())]))],
                Member(c.Value, "Shadow") is { } shadow && Member(shadow, "DryRunWrites") is { ValueKind: JsonValueKind.True })).ToList();
            var secret = Member(strangler, "Shadow") is { } shadowOptions ? Member(shadowOptions, "DryRunSecret")?.GetString() : null;
            return new DoctorManifest(clusters, capabilities, secret);
        }
    }

    public DoctorCluster? Cluster(string name) => Clusters.FirstOrDefault(c => c.Name == name);

    private static IEnumerable<(string Name, JsonElement Value)> Objects(JsonElement parent, string name) =>
        Member(parent, name) is { ValueKind: JsonValueKind.Object } section
            ? section.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object).Select(p => (p.Name, p.Value.Clone()))
            : [];

    private static IEnumerable<JsonElement> Array(JsonElement parent, string name) =>
        Member(parent, name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray().Select(e => e.Clone()) : [];

    private static IEnumerable<string> Strings(JsonElement parent, string name) =>
        Array(parent, name).Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!);

    private static JsonElement? Member(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
            ? element.EnumerateObject().Where(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase)).Select(m => (JsonElement?)m.Value).FirstOrDefault()
            : null;
}
