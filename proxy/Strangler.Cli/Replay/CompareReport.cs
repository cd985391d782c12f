using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Strangler.Cli.Replay;

/// <summary>What <c>strangler compare</c> prints and writes: a summary table, and a JSON and an HTML report.</summary>
internal static class CompareReport
{
    private const int ListedMismatches = 20;

    public static void WriteSummary(TextWriter output, IReadOnlyList<ReplayResult> results, Uri legacy, Uri candidate)
    {
        output.WriteLine($"Replayed {results.Count} requests against legacy {legacy} and candidate {candidate}.");
        var rows = results.GroupBy(r => r.Request.Capability ?? "-").OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Row(g.Key, g.ToList())).Append(Row("TOTAL", results)).ToList();
        TableWriter.Write(output, ["CAPABILITY", "REQUESTS", "MATCHED", "MISMATCHED", "ERRORS"], rows);

        var failures = results.Where(r => !r.Matched).ToList();
        if (failures.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Mismatches and errors:");
            foreach (var failure in failures.Take(ListedMismatches))
            {
                output.WriteLine($"  line {failure.Request.Line}  {failure.Request.Method} {failure.Request.Path}  {Describe(failure)}");
            }

            if (failures.Count > ListedMismatches)
            {
                output.WriteLine($"  ... and {failures.Count - ListedMismatches} more (see the report)");
            }
        }
    }

    public static async Task WriteFilesAsync(string directory, IReadOnlyList<ReplayResult> results, Uri legacy, Uri candidate, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var report = new
        {
            legacy,
            candidate,
            requests = results.Count,
            matched = results.Count(r => r.Matched),
            results = results.Select(r => new
            {
                line = r.Request.Line,
                capability = r.Request.Capability,
                method = r.Request.Method,
                path = r.Request.Path,
                legacyStatus = r.LegacyStatus,
                candidateStatus = r.CandidateStatus,
                matched = r.Matched,
                error = r.Error,
                differences = r.Differences,
            }),
        };
        await File.WriteAllTextAsync(Path.Combine(directory, "report.json"), JsonSerializer.Serialize(report, FacadeClient.Json), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "report.html"), Html(results, legacy, candidate), cancellationToken);
    }

    private static string Describe(ReplayResult result)
    {
        if (result.Error is not null)
        {
            return "error: " + result.Error;
        }

        var first = result.Differences[0];
        var more = result.Differences.Count > 1 ? $" (+{result.Differences.Count - 1} more)" : "";
        return $"{first.Kind} {(first.Where.Length == 0 ? "(body)" : first.Where)}: {first.Legacy ?? "(none)"} -> {first.Candidate ?? "(none)"}{more}";
    }

    private static IReadOnlyList<string> Row(string name, IReadOnlyCollection<ReplayResult> results) =>
    [
        name,
        results.Count.ToString(CultureInfo.InvariantCulture),
        results.Count(r => r.Matched).ToString(CultureInfo.InvariantCulture),
        results.Count(r => r.Error is null && !r.Matched).ToString(CultureInfo.InvariantCulture),
        results.Count(r => r.Error is not null).ToString(CultureInfo.InvariantCulture),
    ];

    // Plain HTML with every value escaped: a report must be safe to open whatever the answers held.
    private static string Html(IReadOnlyList<ReplayResult> results, Uri legacy, Uri candidate)
    {
        static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
            .Append("<title>strangler compare</title><style>body{font:14px system-ui,sans-serif;margin:1.5rem}table{border-collapse:collapse;width:100%}")
            .Append("td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}code{white-space:pre-wrap;word-break:break-all}")
            .Append(".ok{color:#176f2c}.bad{color:#a4161a}</style></head><body>")
            .Append("<h1>strangler compare</h1><p>Legacy <code>").Append(E(legacy.ToString())).Append("</code>, candidate <code>")
            .Append(E(candidate.ToString())).Append("</code>: ").Append(results.Count(r => r.Matched)).Append(" of ").Append(results.Count)
            .Append(" requests matched.</p><table><thead><tr><th>line</th><th>capability</th><th>request</th><th>status</th><th>outcome</th></tr></thead><tbody>");
        foreach (var result in results)
        {
            html.Append("<tr><td>").Append(result.Request.Line).Append("</td><td>").Append(E(result.Request.Capability)).Append("</td><td><code>")
                .Append(E($"{result.Request.Method} {result.Request.Path}")).Append("</code></td><td>")
                .Append(E($"{result.LegacyStatus?.ToString(CultureInfo.InvariantCulture) ?? "-"} / {result.CandidateStatus?.ToString(CultureInfo.InvariantCulture) ?? "-"}")).Append("</td><td>");
            if (result.Matched)
            {
                html.Append("<span class=\"ok\">matched</span>");
            }
            else if (result.Error is not null)
            {
                html.Append("<span class=\"bad\">error: ").Append(E(result.Error)).Append("</span>");
            }
            else
            {
                html.Append("<table><tr><th>kind</th><th>where</th><th>legacy</th><th>candidate</th></tr>");
                foreach (var difference in result.Differences)
                {
                    html.Append("<tr><td>").Append(difference.Kind).Append("</td><td><code>").Append(E(difference.Where)).Append("</code></td><td><code>")
                        .Append(E(difference.Legacy)).Append("</code></td><td><code>").Append(E(difference.Candidate)).Append("</code></td></tr>");
                }

                html.Append("</table>");
            }

            html.Append("</td></tr>");
        }

        return html.Append("</tbody></table></body></html>").ToString();
    }
}
