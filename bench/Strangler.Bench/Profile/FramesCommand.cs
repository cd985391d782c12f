using System.Globalization;
using System.Text;

namespace Strangler.Bench.Profile;

/// <summary><c>frames FILE.speedscope.json [--top N]</c>: the top on-CPU frames of a dotnet-trace profile, as markdown tables.</summary>
internal static class FramesCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var top = 15;
        if (args.Length is not (1 or 3) || (args.Length == 3 && (args[1] != "--top" || !int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out top) || top < 1)))
        {
            await Console.Error.WriteLineAsync("usage: frames <file.speedscope.json> [--top <N ≥ 1>]");
            return 2;
        }

        CpuFrames profile;
        try
        {
            profile = CpuFrames.Read(args[0]);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"frames: cannot read {args[0]}: {exception.Message}");
            return 2;
        }

        Console.Write(Report(profile, top));
        return 0;
    }

    public static string Report(CpuFrames profile, int top)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Managed code on the CPU: {profile.CpuMilliseconds:0} ms of {profile.SampledMilliseconds:0} ms sampled across all threads ({Percent(profile.SampledMilliseconds == 0 ? 0 : profile.CpuMilliseconds / profile.SampledMilliseconds)}).");
        Table(text, "running frame's assembly", profile.SelfByAssembly, top);
        Table(text, "running frame (self)", profile.Self, top);
        Table(text, "frame on the stack (inclusive)", profile.Inclusive, top);
        Table(text, "innermost kit frame", profile.InnermostKitFrame, top);
        return text.ToString();
    }

    private static void Table(StringBuilder text, string title, IEnumerable<(string Name, double Share)> rows, int top)
    {
        text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"| {title} | share of on-CPU time |").AppendLine("|---|---:|");
        foreach (var (name, share) in rows.Take(top))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| `{Shorten(name)}` | {Percent(share)} |");
        }
    }

    // Argument lists make a frame unreadable in a table; the method's name is what a reader looks for.
    private static string Shorten(string frame) => (frame.IndexOf('(', StringComparison.Ordinal) is var open and > 0 ? frame[..open] : frame).Replace("|", "/", StringComparison.Ordinal);

    private static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";
}
