using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Strangler.ServiceDefaults.Settings;

/// <summary>
/// Reads one configuration section strictly: a missing setting takes its default, while an unknown
/// key, a malformed value or one out of range becomes a problem naming the key's full path, its value
/// and what is expected. Problems are collected, not thrown one by one, so that a host refuses to
/// start naming every one of them. One reader for every host of the kit, so every refusal reads alike.
/// </summary>
public sealed class SettingReader(IConfigurationSection section, List<string> problems)
{
    public SettingReader(IConfigurationSection section)
        : this(section, [])
    {
    }

    public IReadOnlyList<string> Problems => problems;

    /// <summary>Any key not in <paramref name="keys"/> is a problem: a misspelt setting must not be silently ignored.</summary>
    public SettingReader Known(params string[] keys)
    {
        problems.AddRange(section.GetChildren().Where(child => !keys.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            .Select(child => $"{section.Path}:{child.Key} is not a setting; expected one of: {string.Join(", ", keys)}."));
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
                problems.Add($"{section.Path}:{key} is required: {requiredBecause}.");
            }

            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            return url;
        }

        problems.Add($"{section.Path}:{key} is '{text}'; expected an absolute http(s) URL such as {example}.");
        return null;
    }

    public TimeSpan Duration(string key, TimeSpan fallback, TimeSpan min, TimeSpan max) =>
        Read(key, fallback, text => TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max ? value : null,
            $"a duration from {Format(min)} to {Format(max)}, e.g. {Format(fallback)}");

    public int Whole(string key, int fallback, int min, int max) =>
        Read(key, fallback, text => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max ? value : null,
            $"a whole number from {min} to {max}");

    public double Fraction(string key, double fallback) =>
        Read(key, fallback, text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1 ? value : null,
            "a fraction from 0 to 1 (0.1 is one request in ten)");

    public bool Boolean(string key, bool fallback) =>
        Read(key, fallback, text => bool.TryParse(text, out var value) ? value : null, "true or false");

    /// <summary>Stops here, naming every problem found so far, if there is any.</summary>
    /// <param name="subject">What was read, as the message begins: "The façade configuration", "Ordering".</param>
    public void ThrowIfAny(string subject)
    {
        if (problems.Count > 0)
        {
            throw new InvalidSettingsException(subject, [.. problems]);
        }
    }

    private T Read<T>(string key, T fallback, Func<string, T?> parse, string expected)
        where T : struct
    {
        if (section[key] is not { } text)
        {
            return fallback;
        }

        if (parse(text) is { } value)
        {
            return value;
        }

        problems.Add($"{section.Path}:{key} is '{text}'; expected {expected}.");
        return fallback;
    }

    // 00:00:00.100 and 7.00:00:00 rather than the "c" format's 00:00:00.1000000 (or hh:mm:ss, which drops the days).
    private static string Format(TimeSpan value) =>
        value.ToString((value.Days > 0 ? @"d\.hh\:mm\:ss" : @"hh\:mm\:ss") + (value.Milliseconds > 0 ? @"\.fff" : ""), CultureInfo.InvariantCulture);
}
