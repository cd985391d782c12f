using System.CommandLine;
using System.Text.Json;
using Strangler.Cli.Init;

namespace Strangler.Cli.Commands;

/// <summary>
/// <c>strangler init --from-openapi URL|FILE [--legacy URL] [--output FILE]</c>: drafts a manifest from the
/// legacy system's OpenAPI document (<see cref="OpenApiDraft"/>), to the file given or to the output.
/// An existing file is never overwritten.
/// </summary>
internal static class InitCommand
{
    public static Command Create(CliOptions options, TextWriter output)
    {
        var from = new Option<string>("--from-openapi") { Description = "The legacy system's OpenAPI 3 document: an http(s) address or a file.", Required = true };
        var legacy = BaseAddressOption.Create("--legacy", "Where the legacy system listens (default: the origin of --from-openapi when it is an address).", required: false);
        var file = new Option<string?>("--output") { Description = "Write the draft here (a file that must not exist yet); without it, the draft is printed." };
        var command = new Command("init", "Draft a manifest from the legacy system's OpenAPI document: one capability per tag, all in Legacy mode.")
        {
            from, legacy, file,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var source = parse.GetValue(from)!;
            var isAddress = Uri.TryCreate(source, UriKind.Absolute, out var address) && address.Scheme is "http" or "https";
            var legacyUrl = parse.GetValue(legacy) is { } given ? new Uri(given)
                : isAddress ? new Uri(address!.GetLeftPart(UriPartial.Authority))
                : throw new CliException("--legacy is required when --from-openapi is a file: the draft needs the legacy system's address.", exitCode: 2);
            var target = parse.GetValue(file);
            if (target is not null && File.Exists(target))
            {
                throw new CliException($"{target} exists already; init never overwrites a file. Choose another --output.", exitCode: 2);
            }

            using var document = JsonDocument.Parse(await ReadAsync(source, isAddress ? address : null, TimeSpan.FromSeconds(parse.GetValue(options.Timeout)), cancellationToken));
            var draft = OpenApiDraft.Write(document.RootElement, source, legacyUrl, DateTimeOffset.UtcNow);
            if (target is null)
            {
                output.Write(draft);
            }
            else
            {
                // A folder that does not exist yet is made, as `dotnet new -o` makes one.
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
                // Written whole to a temporary file, then moved: never a half-written manifest.
                var temporary = target + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
                await File.WriteAllTextAsync(temporary, draft, cancellationToken);
                File.Move(temporary, target, overwrite: false);
                output.WriteLine($"Drafted {target}. Check it, then: strangler doctor --manifest {target}");
            }

            return 0;
        });
        return command;
    }

    private static async Task<string> ReadAsync(string source, Uri? address, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            if (address is null)
            {
                return await File.ReadAllTextAsync(source, cancellationToken);
            }

            using var http = new HttpClient { Timeout = timeout };
            using var response = await http.GetAsync(address, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return response.IsSuccessStatusCode ? body : throw new CliException($"{address} answered {(int)response.StatusCode}; expected its OpenAPI document.");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new CliException($"{source} could not be read: {exception.Message}", exitCode: address is null ? 2 : 1);
        }
    }
}
