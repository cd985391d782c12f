using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Strangler.Facade.Settings;
using Strangler.Facade.Requests;

namespace Strangler.Facade.Recording;

/// <summary>
/// Records a sample of a capability's requests (or of the default route's), secrets redacted, as lines
/// <c>strangler compare</c> replays; never a request that is itself a replay. Lines go through a bounded queue to one writer, so recording never waits on the disk;
/// when the queue is full a line is dropped.
/// </summary>
internal sealed class RequestRecorder
{
    private readonly Channel<(string Capability, string Line)> _lines =
        Channel.CreateBounded<(string, string)>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite });

    private readonly RecordingOptions _options;
    private readonly Redaction _redaction;
    private readonly TimeProvider _time;

    public RequestRecorder(RecordingOptions options, Redaction redaction, TimeProvider time)
    {
        _options = options;
        _redaction = redaction;
        _time = time;
    }

    public ChannelReader<(string Capability, string Line)> Lines => _lines.Reader;

    public ValueTask RecordAsync(HttpContext context, Capability capability) => RecordAsync(context, capability.Name, capability.Record);

    /// <summary>A request no capability claims, at <c>Strangler:Recording:DefaultRoute</c>'s rate.</summary>
    public ValueTask RecordDefaultRouteAsync(HttpContext context) => RecordAsync(context, null, _options.DefaultRoute);

    private async ValueTask RecordAsync(HttpContext context, string? capability, double share)
    {
        if (share <= 0 || (share < 1 && Random.Shared.NextDouble() >= share) || context.Request.Headers.ContainsKey(Contracts.StranglerHeaders.Replay))
        {
            return;
        }

        var request = context.Request;
        var body = await RequestBody.ReadAsync(context, _options.MaxBodyBytes);
        var headers = new JsonObject();
        foreach (var (name, values) in request.Headers)
        {
            if (ForwardingRules.IsCarriedOver(name))
            {
                headers[name] = _redaction.Header(name, values.ToString());
            }
        }

        var line = new JsonObject
        {
            ["at"] = _time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["capability"] = capability,
            ["method"] = request.Method,
            ["path"] = request.Path + request.QueryString,
            ["headers"] = headers,
        };
        if (body is { IsEmpty: false } bytes)
        {
            AddBody(line, bytes, request.ContentType);
        }
        else if (body is null)
        {
            line["bodyOmitted"] = $"larger than {_options.MaxBodyBytes} bytes";
        }

        _lines.Writer.TryWrite((capability ?? RecordingOptions.DefaultRouteFile, line.ToJsonString()));
    }

    private void AddBody(JsonObject line, ReadOnlyMemory<byte> bytes, string? contentType)
    {
        var (text, base64) = _redaction.Body(bytes, contentType);
        if (text is not null)
        {
            line["body"] = text;
        }
        else
        {
            line["bodyBase64"] = base64;
        }
    }
}

/// <summary>Writes recorded lines to <c>&lt;Directory&gt;/&lt;capability&gt;.jsonl</c>, appending, one writer for all.</summary>
internal sealed class RecordingWriter(RequestRecorder recorder, RecordingOptions options, ILogger<RecordingWriter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (capability, line) in recorder.Lines.ReadAllAsync(stoppingToken))
        {
            try
            {
                Directory.CreateDirectory(options.Directory);
                await File.AppendAllTextAsync(Path.Combine(options.Directory, capability + ".jsonl"), line + "\n", Encoding.UTF8, stoppingToken);
            }
            catch (IOException exception)
            {
                logger.LogError(exception, "A recorded request of {Capability} could not be written to {Directory}", capability, options.Directory);
            }
        }
    }
}
