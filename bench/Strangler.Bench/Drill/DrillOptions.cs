using System.Globalization;

namespace Strangler.Bench.Drill;

/// <summary>
/// What one crash drill does: how many writes, by how many writers, with how many kills, on which
/// database, from which random seed (printed, so a run that found something can be repeated).
/// </summary>
internal sealed record DrillOptions(int Writes, int Writers, int Kills, bool Postgres, int Seed)
{
    public const string Usage =
        "drill [--writes N (1 to 1000000, default 10000)] [--writers N (1 to 64, default 8)] [--kills N (0 to 100, default 10)] " +
        "[--database sqlite|postgres (default sqlite)] [--seed N (default: random)]";

    /// <summary>Reads the drill's arguments; a problem is a message naming the argument, and no options.</summary>
    public static DrillOptions? Parse(IReadOnlyList<string> args, out string? problem)
    {
        var options = new DrillOptions(10_000, 8, 10, false, Random.Shared.Next());
        problem = null;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--writes" when Number(value, 1, 1_000_000, out var writes):
                    options = options with { Writes = writes };
                    break;
                case "--writers" when Number(value, 1, 64, out var writers):
                    options = options with { Writers = writers };
                    break;
                case "--kills" when Number(value, 0, 100, out var kills):
                    options = options with { Kills = kills };
                    break;
                case "--seed" when Number(value, 0, int.MaxValue, out var seed):
                    options = options with { Seed = seed };
                    break;
                case "--database" when value is "sqlite" or "postgres":
                    options = options with { Postgres = value == "postgres" };
                    break;
                case "--writes" or "--writers" or "--kills" or "--seed" or "--database":
                    problem = $"{args[i]} got '{value ?? "(nothing)"}'. Usage: {Usage}";
                    return null;
                default:
                    problem = $"'{args[i]}' is not a drill argument. Usage: {Usage}";
                    return null;
            }

            i++;
        }

        return options;
    }

    private static bool Number(string? text, int min, int max, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
}
