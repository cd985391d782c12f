using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;

namespace Strangler.ServiceDefaults.Security;

/// <summary>Where a host keeps its admin keys, and whether a developer may go without one.</summary>
public sealed class AdminKeyOptions : AuthenticationSchemeOptions
{
    /// <summary>Where the keys come from. Read on every request, so a rotated key works without a restart.</summary>
    public AdminKeySource Source { get; set; } = AdminKeySource.Named("Admin:Keys");

    /// <summary>
    /// With no key configured, answer loopback callers in Development who also name a loopback host,
    /// as <see cref="AdminKeyAuthentication.LocalDeveloper"/>. Otherwise no key means no admin API.
    /// </summary>
    public bool OpenToLocalDeveloperWithoutKey { get; set; }

    /// <summary>The title of the 401 problem.</summary>
    public string Title { get; set; } = "The admin API needs a valid key.";
}

/// <summary>One configured admin key: its configuration path, the name it authenticates as (who an audit records), and its value.</summary>
public sealed record ConfiguredKey(string Path, string Name, string Value);

/// <summary>The configuration key or section that holds a host's admin keys, and how to read them.</summary>
public sealed record AdminKeySource(string Path, Func<IConfiguration, IEnumerable<ConfiguredKey>> Read)
{
    /// <summary>Any number of keys under <paramref name="section"/>, each authenticating as its own name.</summary>
    public static AdminKeySource Named(string section) => new(section, configuration =>
        configuration.GetSection(section).GetChildren()
            .Where(key => !string.IsNullOrEmpty(key.Value))
            .Select(key => new ConfiguredKey(key.Path, key.Key, key.Value!)));

    /// <summary>One key at <paramref name="path"/>, authenticating as <paramref name="name"/>.</summary>
    public static AdminKeySource Single(string path, string name) => new(path, configuration =>
        configuration[path] is { Length: > 0 } key ? [new ConfiguredKey(path, name, key)] : []);

    /// <summary>A problem for each key shorter than <see cref="AdminKeyAuthentication.MinKeyLength"/>, naming the key, never its value.</summary>
    public IEnumerable<string> TooShort(IConfiguration configuration) => AdminKeyAuthentication.TooShort(Read(configuration));
}
