using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json;
using Strangler.Cli.Doctor;
using Strangler.Cli.Scan;
using Strangler.Contracts.Scan;

namespace Strangler.Cli.Commands;

/// <summary><c>strangler scan report</c>: the extraction map from what Strangler.Scan recorded in a monolith.</summary>
internal static class ScanCommand
{
    public static Command Create(TextWriter output)
    {
        var inputs = new Option<string[]>("--input") { Description = "A scan recording, or a folder of them (repeat the option); runs add up." };
        var from = new Option<string?>("--from") { Description = "A running monolith's address: its recording so far, read from GET /strangler-scan." };
        var key = new Option<string?>("--key") { Description = "The monolith's admin key, for --from (default $STRANGLER_LEGACY_KEY)." };
        var manifest = new Option<string?>("--manifest") { Description = "The façade's appsettings.json: maps endpoints to capabilities and adds what blocks each one's extraction." };
        var format = new Option<string>("--format") { Description = "text (default), json or html.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "html");
        var file = new Option<string?>("--output") { Description = "Write the report to this file (whole, or not at all) instead of printing it." };

        var report = new Command("report", "The extraction map: endpoint × table, groups of endpoints that share tables, and per capability what blocks its extraction.")
        {
            inputs, from, key, manifest, format, file,
        };
        report.SetAction(async (parse, cancellationToken) =>
        {
            var recordings = Read(parse.GetValue(inputs) ?? []);
            if (parse.GetValue(from) is { } address)
            {
                recordings.Add(await FetchAsync(address, parse.GetValue(key) ?? Environment.GetEnvironmentVariable("STRANGLER_LEGACY_KEY"), cancellationToken));
            }

            if (recordings.Count == 0)
            {
                throw new CliException("Nothing to report on: give --input (a recording or a folder of them) or --from (a running monolith).", exitCode: 2);
            }

            DoctorManifest? map = null;
            if (parse.GetValue(manifest) is { } manifestFile)
            {
                map = File.Exists(manifestFile) ? DoctorManifest.Load(manifestFile) : throw new CliException($"--manifest: {manifestFile} does not exist.", exitCode: 2);
            }

            var extraction = ExtractionMap.Of(recordings, map);
            var text = parse.GetValue(format) switch
            {
                "json" => ScanOutput.Json(extraction),
                "html" => ScanOutput.Html(extraction),
                _ => ScanOutput.Text(extraction),
            };
            if (parse.GetValue(file) is { } path)
            {
                await WholeFile.WriteAsync(path, text, cancellationToken);
                output.WriteLine($"Wrote {path}: {extraction.Endpoints.Count} endpoints, {extraction.Tables.Count} tables, {extraction.Groups.Count(g => !g.SpansGroups)} groups.");
            }
            else
            {
                output.Write(text);
            }

            return 0;
        });

        return new Command("scan", "The extraction map of a monolith, from what Strangler.Scan recorded (see docs/04).") { report };
    }

    private static List<ScanRecording> Read(IEnumerable<string> paths)
    {
        var recordings = new List<ScanRecording>();
        foreach (var path in paths)
        {
            var files = Directory.Exists(path) ? Directory.GetFiles(path, "*.json").Order(StringComparer.Ordinal).ToArray()
                : File.Exists(path) ? [path]
                : throw new CliException($"--input: {path} does not exist.", exitCode: 2);
            recordings.AddRange(files.Select(Parse));
        }

        return recordings;
    }

    private static ScanRecording Parse(string file)
    {
        try
        {
            var recording = JsonSerializer.Deserialize<ScanRecording>(File.ReadAllText(file), FacadeClient.Json);
            return recording is { Format: ScanRecording.CurrentFormat, Accesses: not null }
                ? recording
                : throw new CliException($"--input: {file} is not a scan recording ({ScanRecording.CurrentFormat}).", exitCode: 2);
        }
        catch (JsonException exception)
        {
            throw new CliException($"--input: {file} is not a scan recording: {exception.Message.Split(" Path:")[0]}", exitCode: 2);
        }
    }

    private static async Task<ScanRecording> FetchAsync(string address, string? key, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new CliException($"--from must be an http(s) address; got '{address}'.", exitCode: 2);
        }

        using var http = new HttpClient { BaseAddress = uri, Timeout = TimeSpan.FromSeconds(30) };
        if (key is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        try
        {
            using var response = await http.GetAsync("/strangler-scan", cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new CliException($"{uri} answered GET /strangler-scan with {(int)response.StatusCode}{(response.StatusCode == System.Net.HttpStatusCode.NotFound ? ": is StranglerScan:Enabled on?" : ": is --key its admin key?")}");
            }

            return JsonSerializer.Deserialize<ScanRecording>(body, FacadeClient.Json) ?? throw new CliException($"{uri} answered GET /strangler-scan with nothing.");
        }
        catch (HttpRequestException exception)
        {
            throw new CliException($"Cannot reach {uri}: {exception.Message}");
        }
    }
}
