using System.Text.Json;

namespace Strangler.Bench.Profile;

/// <summary>
/// Reads a speedscope file written by <c>dotnet-trace collect --profile dotnet-sampled-thread-time
/// --format speedscope</c> and keeps only the time where managed code was on the CPU: the sampler marks
/// each sample's leaf <c>CPU_TIME</c> (managed code running) or <c>UNMANAGED_CODE_TIME</c> (waiting, or in
/// native code such as a socket call), and a wall-clock profile of an idle thread pool is otherwise
/// mostly waiting.
/// </summary>
internal sealed class CpuFrames
{
    private const string OnCpu = "CPU_TIME";

    /// <summary>What the sampler calls native code it could not name: mostly socket system calls and the runtime itself.</summary>
    private const string Unnamed = "?!?";

    public const string NativeCode = "(native code: socket calls, the runtime)";

    private readonly Dictionary<string, double> _self = [];
    private readonly Dictionary<string, double> _inclusive = [];
    private readonly Dictionary<string, double> _innermostKit = [];

    public double CpuMilliseconds { get; private set; }

    public double SampledMilliseconds { get; private set; }

    /// <summary>On-CPU time by the managed frame that was running, largest first.</summary>
    public IEnumerable<(string Frame, double Share)> Self => Shares(_self);

    /// <summary>On-CPU time by every frame on the stack at the time (each frame once per stack), largest first.</summary>
    public IEnumerable<(string Frame, double Share)> Inclusive => Shares(_inclusive);

    /// <summary>On-CPU time by the innermost frame of the kit's own code (<c>Strangler.*</c>), or "(no kit frame)".</summary>
    public IEnumerable<(string Frame, double Share)> InnermostKitFrame => Shares(_innermostKit);

    /// <summary>On-CPU time by the assembly of the running frame, largest first.</summary>
    public IEnumerable<(string Assembly, double Share)> SelfByAssembly =>
        Shares(_self.GroupBy(p => AssemblyOf(p.Key)).ToDictionary(g => g.Key, g => g.Sum(p => p.Value)));

    public static CpuFrames Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        if (!root.TryGetProperty("shared", out var shared) || !shared.TryGetProperty("frames", out var framesElement) || !root.TryGetProperty("profiles", out var profiles))
        {
            throw new InvalidDataException($"{path} is not a speedscope file (no shared frames or profiles)");
        }

        var frames = framesElement.EnumerateArray().Select(f => f.GetProperty("name").GetString() ?? "?").ToArray();
        var result = new CpuFrames();
        foreach (var profile in profiles.EnumerateArray())
        {
            if (profile.GetProperty("type").GetString() != "evented")
            {
                throw new InvalidDataException($"{path}: only evented profiles are read (dotnet-trace's speedscope format)");
            }

            result.Add(frames, profile.GetProperty("events"));
        }

        return result;
    }

    private void Add(string[] frames, JsonElement events)
    {
        var stack = new List<int>();
        double? last = null;
        foreach (var e in events.EnumerateArray())
        {
            var at = e.GetProperty("at").GetDouble();
            if (last is { } since && stack.Count > 0)
            {
                Count(frames, stack, at - since);
            }

            last = at;
            var frame = e.GetProperty("frame").GetInt32();
            if (e.GetProperty("type").GetString() == "O")
            {
                stack.Add(frame);
            }
            else if (stack.Count > 0)
            {
                stack.RemoveAt(stack.Count - 1);
            }
        }
    }

    private void Count(string[] frames, List<int> stack, double milliseconds)
    {
        SampledMilliseconds += milliseconds;
        if (frames[stack[^1]] != OnCpu || stack.Count < 2)
        {
            return;
        }

        CpuMilliseconds += milliseconds;
        Increase(_self, Named(frames[stack[^2]]), milliseconds);
        var seen = new HashSet<int>();
        string? kit = null;
        for (var i = 0; i < stack.Count - 1; i++)
        {
            var name = Named(frames[stack[i]]);
            // Process, thread and activity headings are the sampler's grouping, not code.
            if (seen.Add(stack[i]) && (name.Contains('!', StringComparison.Ordinal) || name == NativeCode))
            {
                Increase(_inclusive, name, milliseconds);
            }

            if (name.StartsWith("Strangler.", StringComparison.Ordinal))
            {
                kit = name;
            }
        }

        Increase(_innermostKit, kit ?? "(no kit frame)", milliseconds);
    }

    private static string Named(string frame) => frame == Unnamed ? NativeCode : frame;

    private static void Increase(Dictionary<string, double> totals, string key, double milliseconds) =>
        totals[key] = totals.GetValueOrDefault(key) + milliseconds;

    private IEnumerable<(string, double)> Shares(Dictionary<string, double> totals) =>
        totals.OrderByDescending(p => p.Value).Select(p => (p.Key, CpuMilliseconds == 0 ? 0 : p.Value / CpuMilliseconds));

    /// <summary>dotnet-trace names a frame <c>Assembly!Namespace.Type.Method(args)</c>.</summary>
    private static string AssemblyOf(string frame) => frame.IndexOf('!', StringComparison.Ordinal) is var bang and > 0 ? frame[..bang] : frame;
}
