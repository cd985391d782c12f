using Strangler.ServiceDefaults.Settings;
using Strangler.Facade.Settings;

namespace Strangler.Facade.Persistence;

/// <summary>The database engines the flag store runs on; chosen by configuration.</summary>
internal enum FlagStoreProvider
{
    Sqlite,
    PostgreSql,
    SqlServer,
}

/// <summary>
/// <c>Strangler:FlagStore</c>: where capability states live and how often a replica looks for changes
/// made by others. Replicas that share one store converge within one <see cref="PollInterval"/>.
/// </summary>
internal sealed record FlagStoreOptions(FlagStoreProvider Provider, string ConnectionString, TimeSpan PollInterval)
{
    public const string SectionName = ManifestReader.SectionName + ":FlagStore";

    public static FlagStoreOptions FromConfiguration(IConfiguration configuration, string contentRoot)
    {
        var section = configuration.GetSection(SectionName);
        var problems = new List<string>();
        ManifestKeys.RejectUnknown(section, ManifestKeys.FlagStore, problems);
        var provider = FlagStoreProvider.Sqlite;
        var providerText = section["Provider"];
        if (!string.IsNullOrWhiteSpace(providerText) && !Enum.TryParse(providerText, ignoreCase: true, out provider))
        {
            problems.Add($"{SectionName}:Provider is '{providerText}'; expected one of {string.Join(", ", Enum.GetNames<FlagStoreProvider>())}.");
        }

        var connectionString = section["ConnectionString"];
        if (provider != FlagStoreProvider.Sqlite && string.IsNullOrWhiteSpace(connectionString))
        {
            problems.Add($"{SectionName}:ConnectionString is required when {SectionName}:Provider is {provider}.");
        }

        if (provider == FlagStoreProvider.Sqlite && string.IsNullOrWhiteSpace(connectionString))
        {
            var file = section["SqlitePath"] ?? Path.Combine("data", "flags.db");
            connectionString = $"Data Source={Path.GetFullPath(Path.Combine(contentRoot, file))}";
        }

        var poll = new SettingReader(section, problems).Duration("PollInterval", TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(1));

        if (problems.Count > 0)
        {
            throw FacadeSettingsRefusal.Of(problems);
        }

        return new FlagStoreOptions(provider, connectionString!, poll);
    }
}
