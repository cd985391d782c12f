namespace Strangler.Contracts;

/// <summary>
/// What an operator sets for one capability. <see cref="Percentage"/>, <see cref="Users"/> and
/// <see cref="Groups"/> only matter in <see cref="CapabilityMode.Canary"/>; they are kept in other modes
/// so that going back to Canary resumes where it was.
/// </summary>
public sealed record CapabilityState(CapabilityMode Mode, double Percentage, IReadOnlyList<string> Users, IReadOnlyList<string> Groups)
{
    public static CapabilityState Legacy { get; } = new(CapabilityMode.Legacy, 0, [], []);

    /// <summary>Value equality over the lists too, so that "no change" can be recognised.</summary>
    public bool Equals(CapabilityState? other) =>
        other is not null &&
        Mode == other.Mode &&
        Percentage.Equals(other.Percentage) &&
        Users.SequenceEqual(other.Users, StringComparer.Ordinal) &&
        Groups.SequenceEqual(other.Groups, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Mode, Percentage, Users.Count, Groups.Count);

    /// <summary>As operators read it: "Service", or "Canary 10% users=alice groups=-" where targets matter.</summary>
    public override string ToString() =>
        Mode == CapabilityMode.Canary
            ? $"Canary {Percentage.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}% users={Join(Users)} groups={Join(Groups)}"
            : Mode.ToString();

    private static string Join(IReadOnlyList<string> values) => values.Count == 0 ? "-" : string.Join(",", values);
}
