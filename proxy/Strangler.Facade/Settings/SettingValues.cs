using System.Globalization;

namespace Strangler.Facade.Settings;

/// <summary>
/// Reads one setting of a configuration section, or adds a problem naming its key, its value and what
/// is expected; a missing setting takes its default. One reader for every section of the façade, so
/// every refusal reads alike.
/// </summary>
internal static class SettingValues
{
    public static TimeSpan Duration(IConfigurationSection section, string key, TimeSpan fallback, TimeSpan min, TimeSpan max, List<string> problems)
    {
        var text = section[key];
        if (text is null)
        {
            return fallback;
        }

        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        problems.Add($"{section.Path}:{key} is '{text}'; expected a duration from {Format(min)} to {Format(max)}, e.g. {Format(fallback)}.");
        return fallback;
    }

    public static int Whole(IConfigurationSection section, string key, int fallback, int min, int max, List<string> problems)
    {
        var text = section[key];
        if (text is null)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        problems.Add($"{section.Path}:{key} is '{text}'; expected a whole number from {min} to {max}.");
        return fallback;
    }

    public static double Fraction(IConfigurationSection section, string key, double fallback, List<string> problems)
    {
        var text = section[key];
        if (text is null)
        {
            return fallback;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1)
        {
            return value;
        }

        problems.Add($"{section.Path}:{key} is '{text}'; expected a fraction from 0 to 1 (0.1 is one request in ten).");
        return fallback;
    }

    public static bool Boolean(IConfigurationSection section, string key, bool fallback, List<string> problems)
    {
        var text = section[key];
        if (text is null)
        {
            return fallback;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        problems.Add($"{section.Path}:{key} is '{text}'; expected true or false.");
        return fallback;
    }

    private static string Format(TimeSpan value) =>
        value.ToString(value.Milliseconds == 0 ? @"hh\:mm\:ss" : @"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture);
}
