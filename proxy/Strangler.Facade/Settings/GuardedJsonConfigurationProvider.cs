using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Strangler.Facade.Settings;

/// <summary>A JSON file read by a <see cref="GuardedJsonConfigurationProvider"/>.</summary>
internal sealed class GuardedJsonConfigurationSource(string path, bool optional, bool reloadOnChange, ConfigurationGuard guard) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new GuardedJsonConfigurationProvider(path, optional, reloadOnChange, guard);
}

/// <summary>
/// A JSON configuration file that only ever changes whole and valid. The stock provider, on a reload
/// that fails to parse, empties its data and carries on: every key of the file (admin keys among them)
/// silently gone. This one keeps its data unless the new file parses and the configuration it makes
/// passes the start-up checks; otherwise it reports the rejection and keeps what it had.
/// </summary>
internal sealed class GuardedJsonConfigurationProvider : ConfigurationProvider, IDisposable
{
    // How long after a change the file is read: editors write a file in more than one step.
    private static readonly TimeSpan SettleDelay = TimeSpan.FromMilliseconds(250);

    private readonly string _path;
    private readonly bool _optional;
    private readonly ConfigurationGuard _guard;
    private readonly Lock _gate = new();
    private readonly PhysicalFileProvider? _files;
    private readonly IDisposable? _watch;

    public GuardedJsonConfigurationProvider(string path, bool optional, bool reloadOnChange, ConfigurationGuard guard)
    {
        _path = path;
        _optional = optional;
        _guard = guard;
        if (reloadOnChange && Directory.Exists(Path.GetDirectoryName(path)))
        {
            _files = new PhysicalFileProvider(Path.GetDirectoryName(path)!);
            _watch = ChangeToken.OnChange(() => _files.Watch(Path.GetFileName(path)), OnChanged);
        }
    }

    public override void Load()
    {
        var (data, problem) = Read();
        if (problem is not null)
        {
            throw new InvalidDataException($"{_path}: {problem}");
        }

        Data = data!;
    }

    private void OnChanged()
    {
        Thread.Sleep(SettleDelay);
        lock (_gate)
        {
            var (data, problem) = Read();
            var problems = problem is null ? _guard.Check(this, data!) : [problem];
            if (problems.Count > 0)
            {
                _guard.Reject(_path, string.Join(" ", problems));
                return;
            }

            var unchanged = data!.Count == Data.Count && data.All(pair => Data.TryGetValue(pair.Key, out var value) && value == pair.Value);
            _guard.Accept(_path);
            if (!unchanged)
            {
                Data = data;
                OnReload();
            }
        }
    }

    private (IDictionary<string, string?>? Data, string? Problem) Read()
    {
        if (!File.Exists(_path))
        {
            return _optional ? (new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase), null) : (null, "the file does not exist.");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(_path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return (null, $"the file cannot be read: {exception.Message}");
        }

        if (System.Text.Encoding.UTF8.GetString(bytes).Trim('\uFEFF', ' ', '\t', '\r', '\n').Length == 0)
        {
            return (null, "the file is empty.");
        }

        try
        {
            return (JsonParser.Parse(bytes), null);
        }
        catch (Exception exception) when (exception is FormatException or System.Text.Json.JsonException or InvalidDataException)
        {
            return (null, $"the file is not valid JSON configuration: {exception.GetBaseException().Message}");
        }
    }

    public void Dispose()
    {
        _watch?.Dispose();
        _files?.Dispose();
    }

    // The stock parser (comments and trailing commas allowed, duplicate keys refused), fed from memory.
    private sealed class JsonParser() : JsonStreamConfigurationProvider(new JsonStreamConfigurationSource())
    {
        public static IDictionary<string, string?> Parse(byte[] bytes)
        {
            var parser = new JsonParser();
            using var stream = new MemoryStream(bytes);
            parser.Load(stream);
            return parser.Data;
        }
    }
}
