using Strangler.ServiceDefaults.Settings;

namespace Strangler.Facade.Settings;

/// <summary>How the façade refuses settings it cannot run with: one message that begins the same wherever the problems were found.</summary>
internal static class FacadeSettingsRefusal
{
    public const string Subject = "The façade configuration";

    public static InvalidSettingsException Of(IReadOnlyList<string> problems) => new(Subject, problems);
}
