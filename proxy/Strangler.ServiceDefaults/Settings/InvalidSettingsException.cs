namespace Strangler.ServiceDefaults.Settings;

/// <summary>Settings a host cannot run with. Each problem names the configuration key it is about and what is expected.</summary>
public sealed class InvalidSettingsException(string subject, IReadOnlyList<string> problems)
    : Exception($"{subject} is not valid:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
