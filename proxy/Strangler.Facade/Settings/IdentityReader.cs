using System.Text;
using Strangler.ServiceDefaults.Security;
using Strangler.ServiceDefaults.Settings;

namespace Strangler.Facade.Settings;

/// <summary>Reads <c>Strangler:Authentication</c> and <c>Strangler:CallChain</c>, and checks that every route that asks for a token has tokens to check it against.</summary>
internal static class IdentityReader
{
    public static IdentitySettings Read(IConfigurationSection root, AuthMode defaultAuth, IReadOnlyList<Capability> capabilities, List<string> problems)
    {
        var tokens = TokenSettings.Read(root.GetSection("Authentication"), problems);
        if (tokens is null)
        {
            if (defaultAuth != AuthMode.None)
            {
                problems.Add($"{root.Path}:Auth is {defaultAuth}, but {root.Path}:Authentication is missing: name the Issuer, the Audience and the SigningKeys (or an Authority) to check tokens against.");
            }

            foreach (var capability in capabilities.Where(capability => capability.Auth != AuthMode.None && defaultAuth == AuthMode.None))
            {
                problems.Add($"{root.Path}:Capabilities:{capability.Name}:Auth is {capability.Auth}, but {root.Path}:Authentication is missing: name the Issuer, the Audience and the SigningKeys (or an Authority) to check tokens against.");
            }
        }

        return new IdentitySettings(defaultAuth, tokens, ReadCallChain(root.GetSection("CallChain"), problems));
    }

    private static CallChainSettings ReadCallChain(IConfigurationSection section, List<string> problems)
    {
        ManifestKeys.RejectUnknown(section, ManifestKeys.CallChain, problems);
        var settings = new SettingReader(section, problems);
        var maxAge = settings.Duration("MaxAge", CallChainSettings.Off.MaxAge, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        if (settings.Text("Secret") is not { } secret)
        {
            return CallChainSettings.Off with { MaxAge = maxAge };
        }

        if (secret.Length < CallChainSettings.MinSecretLength)
        {
            problems.Add($"{section.Path}:Secret is {secret.Length} characters long; it needs at least {CallChainSettings.MinSecretLength} (for example the output of 'openssl rand -base64 32').");
            return CallChainSettings.Off;
        }

        return new CallChainSettings(Encoding.UTF8.GetBytes(secret), maxAge);
    }
}
