using System.Diagnostics;

namespace Strangler.Bench.Macro;

/// <summary>wrk and nginx come from Debian's packages; installed here when missing and the harness may.</summary>
internal static class Tools
{
    public static async Task<string?> EnsureAsync()
    {
        var missing = new[] { ("wrk", "wrk"), ("nginx", "nginx-light"), ("h2load", "nghttp2-client") }.Where(tool => Which(tool.Item1) is null).ToList();
        if (missing.Count == 0)
        {
            return null;
        }

        var packages = string.Join(' ', missing.Select(m => m.Item2));
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root" || Which("apt-get") is null)
        {
            return $"Missing {string.Join(", ", missing.Select(m => m.Item1))}: install them (Debian: apt-get install {packages}).";
        }

        Console.WriteLine($"Installing {packages} from Debian's packages...");
        foreach (var arguments in new[] { "update -qq", $"install -y -qq {packages}" })
        {
            using var process = Process.Start(new ProcessStartInfo("apt-get", arguments) { RedirectStandardOutput = true, Environment = { ["DEBIAN_FRONTEND"] = "noninteractive" } })!;
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
        }

        return missing.Any(m => Which(m.Item1) is null) ? $"apt-get could not install {packages}." : null;
    }

    public static string? Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Concat(["/usr/sbin", "/usr/bin"])
            .Select(folder => Path.Combine(folder, tool))
            .FirstOrDefault(File.Exists);
}
