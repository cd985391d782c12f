using System.CommandLine;
using System.Globalization;
using System.Numerics;

namespace Strangler.Cli;

/// <summary>
/// The one check every number option gets: the text must be a number, within a range. Reading the
/// option's value in a validator throws when the text is no number (System.CommandLine converts
/// lazily), which crashed the CLI with a stack trace; this reads the text itself and says what is wrong.
/// </summary>
internal static class NumberOption
{
    public static void MustBeWithin<T>(this Option<T> option, T min, T max, string unit = "")
        where T : struct, INumber<T> =>
        option.Validators.Add(result => Check(result, option.Name, min, max, unit));

    public static void MustBeWithin<T>(this Option<T?> option, T min, T max, string unit = "")
        where T : struct, INumber<T> =>
        option.Validators.Add(result => Check(result, option.Name, min, max, unit));

    private static void Check<T>(System.CommandLine.Parsing.OptionResult result, string name, T min, T max, string unit)
        where T : struct, INumber<T>
    {
        if (result.Tokens.Count == 0)
        {
            return; // the default, which is in range
        }

        var text = result.Tokens[^1].Value;
        var range = string.Create(CultureInfo.InvariantCulture, $"from {min} to {max}{unit}");
        var style = typeof(T) == typeof(double) ? NumberStyles.Float : NumberStyles.Integer;
        if (!T.TryParse(text, style, CultureInfo.InvariantCulture, out var value) || (value is double d && !double.IsFinite(d)))
        {
            result.AddError($"{name} must be a number {range}; got '{text}'.");
        }
        else if (value < min || value > max)
        {
            result.AddError($"{name} must be {range}; got {text}.");
        }
    }
}
