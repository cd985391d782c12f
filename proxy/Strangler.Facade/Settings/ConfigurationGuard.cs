using Microsoft.Extensions.Configuration.Json;

namespace Strangler.Facade.Settings;

/// <summary>
/// Makes every reload of the façade's JSON configuration files all or nothing. Each file is read by a
/// <see cref="GuardedJsonConfigurationProvider"/>; on a change, the new file is parsed and the whole
/// configuration it would make is checked exactly as at start-up (the check is given by the composition,
/// which knows every section: <c>Hosting/FacadeSettingsCheck</c>)
/// before any of it is let in. An unreadable, empty or duplicate-key file, or any invalid value,
/// leaves the previous configuration in place, admin keys included, and is reported here: one error
/// logged, and <see cref="Rejection"/> for the manifest status, readiness and dashboard.
/// </summary>
internal sealed class ConfigurationGuard(IConfigurationRoot configuration, Func<IConfiguration, IReadOnlyList<string>> problemsOf, TimeProvider time)
{
    private readonly Lock _gate = new();
    private ILogger? _logger;

    /// <summary>The last rejected change, until a change to that file is accepted.</summary>
    public ConfigurationRejection? Rejection { get; private set; }

    /// <summary>Replaces every JSON file source of <paramref name="builder"/> with a guarded one, in the same place.</summary>
    public static ConfigurationGuard Install(IConfigurationBuilder builder, IConfigurationRoot root, string contentRoot, Func<IConfiguration, IReadOnlyList<string>> problemsOf)
    {
        var guard = new ConfigurationGuard(root, problemsOf, TimeProvider.System);
        for (var i = 0; i < builder.Sources.Count; i++)
        {
            if (builder.Sources[i] is JsonConfigurationSource json && json.Path is { } path)
            {
                // A file added by absolute path has its own folder as file provider, and only its name as Path.
                var folder = json.FileProvider is Microsoft.Extensions.FileProviders.PhysicalFileProvider physical ? physical.Root : contentRoot;
                var file = Path.IsPathRooted(path) ? path : Path.Combine(folder, path);
                builder.Sources[i] = new GuardedJsonConfigurationSource(Path.GetFullPath(file), json.Optional, json.ReloadOnChange, guard);
            }
        }

        return guard;
    }

    public void UseLogger(ILogger<ConfigurationGuard> logger) => _logger = logger;

    /// <summary>The problems the configuration would have with <paramref name="data"/> in place of what <paramref name="changed"/> holds now.</summary>
    public IReadOnlyList<string> Check(IConfigurationProvider changed, IDictionary<string, string?> data)
    {
        var merged = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var provider in configuration.Providers)
        {
            if (ReferenceEquals(provider, changed))
            {
                foreach (var (key, value) in data)
                {
                    merged[key] = value;
                }
            }
            else
            {
                Snapshot(provider, null, merged);
            }
        }

        var candidate = new ConfigurationBuilder().AddInMemoryCollection(merged).Build();
        return problemsOf(candidate);
    }

    public void Reject(string file, string why)
    {
        lock (_gate)
        {
            var repeated = Rejection is { } last && last.File == file && last.Why == why;
            Rejection = new ConfigurationRejection(time.GetUtcNow(), file, why);
            if (!repeated)
            {
                // One line a rejection: a file watcher reports one save several times.
                _logger?.LogError("Configuration change to {File} rejected; the previous configuration keeps serving, admin keys included. {Why}", file, why);
            }
        }
    }

    public void Accept(string file)
    {
        lock (_gate)
        {
            if (Rejection?.File == file)
            {
                Rejection = null;
            }
        }

        _logger?.LogInformation("Configuration change to {File} accepted", file);
    }

    private static void Snapshot(IConfigurationProvider provider, string? parent, Dictionary<string, string?> into)
    {
        foreach (var key in provider.GetChildKeys([], parent).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var path = parent is null ? key : ConfigurationPath.Combine(parent, key);
            if (provider.TryGet(path, out var value))
            {
                into[path] = value;
            }

            Snapshot(provider, path, into);
        }
    }
}

/// <summary>A configuration change that was not let in: when, which file, and every reason.</summary>
internal sealed record ConfigurationRejection(DateTimeOffset At, string File, string Why)
{
    public string Describe() => $"configuration rejected at {At:yyyy-MM-dd HH:mm:ss}Z: {File}: {Why}";
}
