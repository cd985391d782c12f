using System.Text.RegularExpressions;
using Testing.Infrastructure.Servers;

namespace Docs.Tests.Runnable;

/// <summary>
/// The ports the docs name (the sample's 5000 to 5300, and 8080 and 8081 for "your system" in 09), each
/// moved to a free loopback port so a page can run beside a developer's own sample. <see cref="Rewrite"/>
/// points what a page says at the ports in use and <see cref="Restore"/> turns what it printed back.
/// </summary>
internal sealed partial class DocumentedPorts
{
    private static readonly int[] Documented = [5000, 5100, 5200, 5300, 8080, 8081];
    private readonly Dictionary<int, int> inUse;

    private DocumentedPorts(Dictionary<int, int> inUse) => this.inUse = inUse;

    /// <summary>The port in use for a documented one.</summary>
    public int this[int documented]
    {
        get => inUse[documented];
        set => inUse[documented] = value;
    }

    /// <summary>A free loopback port for each documented one, no two alike.</summary>
    public static DocumentedPorts Free()
    {
        var free = new HashSet<int>();
        while (free.Count < Documented.Length)
        {
            free.Add(LoopbackPort.Free());
        }

        return new DocumentedPorts(Documented.Zip(free).ToDictionary(pair => pair.First, pair => pair.Second));
    }

    public string Url(int documented) => "http://127.0.0.1:" + inUse[documented];

    public string Rewrite(string text) =>
        DocumentedAddress().Replace(text, m => "127.0.0.1:" + inUse[int.Parse(m.Groups["port"].Value)]);

    public string Restore(string output) =>
        inUse.Aggregate(output, (text, port) => text.Replace("127.0.0.1:" + port.Value, "127.0.0.1:" + port.Key, StringComparison.Ordinal));

    [GeneratedRegex(@"127\.0\.0\.1:(?<port>5000|5100|5200|5300|8080|8081)\b")]
    private static partial Regex DocumentedAddress();
}
