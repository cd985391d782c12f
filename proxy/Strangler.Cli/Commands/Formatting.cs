using System.Globalization;
using System.Text.Json;
using Strangler.Contracts;

namespace Strangler.Cli.Commands;

internal static class Formatting
{
    public static string Percent(double value) => value.ToString("0.##", CultureInfo.InvariantCulture) + "%";

    public static string List(IReadOnlyList<string> values) => values.Count == 0 ? "-" : string.Join(",", values);

    public static string State(CapabilityState state) => state.ToString();

    public static void WriteJson<T>(TextWriter output, T value) => output.WriteLine(JsonSerializer.Serialize(value, Cli.FacadeClient.Json));
}
