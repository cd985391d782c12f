using System.Net;
using System.Text;
using System.Text.Json;

namespace Strangler.Cli.Scan;

/// <summary>The extraction map as text (for a terminal), JSON (for a script) and a self-contained HTML page (for a meeting).</summary>
internal static class ScanOutput
{
    public static string Text(ExtractionMap map)
    {
        var text = new StringBuilder();
        text.AppendLine($"Endpoint × table ({map.Endpoints.Count} endpoints, {map.Tables.Count} tables; R read, W write):");
        foreach (var endpoint in map.Endpoints)
        {
            var cells = map.Tables.Where(t => map.Cells.ContainsKey((endpoint, t))).Select(t => $"{t} {map.Cells[(endpoint, t)]}");
            text.AppendLine($"  {endpoint} [{map.CapabilityOf[endpoint]}]: {string.Join(", ", cells)}");
        }

        text.AppendLine().AppendLine("Groups of endpoints that write the same tables (candidate capabilities):");
        var number = 0;
        foreach (var group in map.Groups)
        {
            text.AppendLine(group.SpansGroups
                ? $"  reading across groups: {string.Join(", ", group.Endpoints)}"
                : $"  {++number}. tables {string.Join(", ", group.Tables)}: {string.Join(", ", group.Endpoints)}");
        }

        foreach (var capability in map.Capabilities)
        {
            text.AppendLine().AppendLine($"Capability {capability.Capability}:" + (capability.Seen ? "" : " no endpoint of it in the recording"));
            if (!capability.Seen)
            {
                continue;
            }

            text.AppendLine($"  reads {List(capability.Reads)}; writes {List(capability.Writes)}");
            text.AppendLine(capability.WrittenHereReadElsewhere.Count == 0
                ? "  writes nothing another capability reads: its data can move with it"
                : $"  blocks extraction, writes what others read: {Shared(capability.WrittenHereReadElsewhere)}");
            text.AppendLine(capability.ReadHereWrittenElsewhere.Count == 0
                ? "  reads nothing another capability writes: needs no sync in"
                : $"  needs sync in, reads what others write: {Shared(capability.ReadHereWrittenElsewhere)}");
        }

        return text.ToString();
    }

    public static string Json(ExtractionMap map) => JsonSerializer.Serialize(new
    {
        endpoints = map.Endpoints.Select(e => new
        {
            endpoint = e,
            capability = map.CapabilityOf[e],
            reads = map.Reads(e),
            writes = map.Writes(e),
        }),
        tables = map.Tables,
        groups = map.Groups.Select(g => new { g.Endpoints, g.Tables, g.SpansGroups }),
        capabilities = map.Capabilities,
    }, FacadeClient.Json);

    public static string Html(ExtractionMap map)
    {
        var html = new StringBuilder();
        html.Append("""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Strangler scan: the extraction map</title>
            <style>
            body { font: 14px/1.45 system-ui, sans-serif; margin: 1.5rem; color: #1c2430; }
            table { border-collapse: collapse; } th, td { border: 1px solid #d9dee5; padding: .25rem .45rem; }
            thead th { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; font-weight: 600; }
            tbody th { text-align: left; white-space: nowrap; font-weight: normal; }
            td { text-align: center; min-width: 1.6rem; } td.R { background: #dcebfa; } td.W { background: #f8d7da; } td.RW { background: #f3c6a5; }
            .scroll { overflow-x: auto; } .muted { color: #5b6675; }
            </style></head><body>
            <h1>The extraction map</h1>
            <p class="muted">Which endpoint reads (R) and writes (W) which table, from <code>strangler scan</code> recordings.</p>
            <div class="scroll"><table id="matrix"><thead><tr><th>endpoint</th><th>capability</th>
            """);
        foreach (var table in map.Tables)
        {
            html.Append($"<th scope=\"col\">{Encode(table)}</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var endpoint in map.Endpoints)
        {
            html.Append($"<tr><th scope=\"row\">{Encode(endpoint)}</th><td>{Encode(map.CapabilityOf[endpoint])}</td>");
            foreach (var table in map.Tables)
            {
                var cell = map.Cells.GetValueOrDefault((endpoint, table), "");
                html.Append(cell.Length == 0 ? "<td></td>" : $"<td class=\"{cell}\" title=\"{Encode(endpoint)} {(cell == "R" ? "reads" : cell == "W" ? "writes" : "reads and writes")} {Encode(table)}\">{cell}</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table></div><h2>Candidate capabilities</h2><ol>");
        foreach (var group in map.Groups.Where(g => !g.SpansGroups))
        {
            html.Append($"<li>tables {Encode(string.Join(", ", group.Tables))}: {Encode(string.Join(", ", group.Endpoints))}</li>");
        }

        html.Append("</ol>");
        if (map.Groups.FirstOrDefault(g => g.SpansGroups) is { } spanning)
        {
            html.Append($"<p>Reading across groups: {Encode(string.Join(", ", spanning.Endpoints))}</p>");
        }

        html.Append("<h2>Per capability</h2><ul>");
        foreach (var capability in map.Capabilities)
        {
            html.Append($"<li><strong>{Encode(capability.Capability)}</strong>: ");
            html.Append(!capability.Seen ? "no endpoint of it in the recording"
                : $"reads {Encode(List(capability.Reads))}; writes {Encode(List(capability.Writes))}. " +
                  (capability.WrittenHereReadElsewhere.Count == 0 ? "Writes nothing another capability reads. " : $"Blocks extraction, writes what others read: {Encode(Shared(capability.WrittenHereReadElsewhere))}. ") +
                  (capability.ReadHereWrittenElsewhere.Count == 0 ? "Needs no sync in." : $"Needs sync in: {Encode(Shared(capability.ReadHereWrittenElsewhere))}."));
            html.Append("</li>");
        }

        return html.Append("</ul></body></html>\n").ToString();
    }

    private static string List(IReadOnlyList<string> tables) => tables.Count == 0 ? "nothing" : string.Join(", ", tables);

    private static string Shared(IReadOnlyList<SharedTable> shared) =>
        string.Join("; ", shared.GroupBy(s => s.Table).Select(g => $"{g.Key} (by {string.Join(", ", g.Select(s => s.With))})"));

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
