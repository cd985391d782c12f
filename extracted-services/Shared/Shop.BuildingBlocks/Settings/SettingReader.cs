using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Shop.BuildingBlocks.Settings;

/// <summary>
/// Reads one configuration section strictly: unknown keys, malformed values and values out of range
/// are collected with the key's full path, and <see cref="ThrowIfAny"/> stops start-up naming them all.
/// </summary>
public sealed class SettingReader(IConfigurationSection section, string path)
{
    private readonly List<string> _problems = [];

    /// <summary>Any key not in <paramref name="keys"/> is a problem: a misspelt setting must not be silently ignored.</summary>
    public SettingReader Known(params string[] keys)
    {
        _problems.AddRange(section.GetChildren().Where(child => !keys.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            .Select(child => $"{path}:{child.Key} is not a setting; expected one of: {string.Join(", ", keys)}."));
        return this;
    }

    /// <summary>The value, or null when absent or empty.</summary>
    public string? Text(string key) => string.IsNullOrEmpty(section[key]) ? null : section[key];

    /// <summary>An absolute http(s) URL, or null when absent (a problem too when <paramref name="requiredBecause"/> is given).</summary>
    public Uri? Url(string key, string example, string? requiredBecause = null)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            if (requiredBecause is not null)
            {
                _problems.Add($"{path}:{key} is required: {requiredBecause}.");
            }

            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            return url;
        }

        _problems.Add($"{path}:{key} is '{text}'; expected an absolute http(s) URL such as {example}.");
        return null;
    }

    public TimeSpan Duration(string key, TimeSpan fallback, TimeSpan min, TimeSpan max)
    {
        if (section[key] is not { } text)
        {
            return fallback;
        }

        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        _problems.Add($"{path}:{key} is '{text}'; expected a duration from {min.ToString("c", CultureInfo.InvariantCulture)} to {max.ToString("c", CultureInfo.InvariantCulture)}.");
        return fallback;
    }

    public int Whole(string key, int fallback, int min, int max)
    {
        if (section[key] is not { } text)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        _problems.Add($"{path}:{key} is '{text}'; expected a whole number from {min} to {max}.");
        return fallback;
    }

    public void ThrowIfAny()
    {
        if (_problems.Count > 0)
        {
            throw new InvalidConfigurationException(string.Join(Environment.NewLine, _problems));
        }
    }
}
