namespace Strangler.Facade.Settings;

/// <summary>A manifest (or other façade setting) that cannot be served. Each problem names the configuration key it is about.</summary>
internal sealed class InvalidSettingsException(IReadOnlyList<string> problems)
    : Exception("The façade configuration is not valid:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
