using Strangler.ServiceDefaults.Security;

namespace Strangler.Facade.Settings;

/// <summary>Whether a route needs a caller's bearer token: never looked at, checked when sent, or needed.</summary>
internal enum AuthMode
{
    None,
    Optional,
    Required,
}

/// <summary>
/// Who a request is for, as the façade verifies it: the tokens it accepts (<c>Strangler:Authentication</c>),
/// the default route's <see cref="AuthMode"/> (<c>Strangler:Auth</c>; each capability may set its own),
/// and how the routing decision travels down a call chain (<c>Strangler:CallChain</c>).
/// </summary>
internal sealed record IdentitySettings(AuthMode DefaultRoute, TokenSettings? Tokens, CallChainSettings CallChain)
{
    public static IdentitySettings Anonymous { get; } = new(AuthMode.None, null, CallChainSettings.Off);

    /// <summary>What a reload compares, without a key or the secret in it.</summary>
    public string Fingerprint => $"{DefaultRoute}|{Tokens?.Fingerprint()}|{CallChain.Fingerprint}";
}

/// <summary>
/// The secret that signs the decisions the façade stamps on a request (W3C <c>baggage</c>), and how long
/// a stamp is honoured when it comes back from a service further down the chain. Without a secret
/// nothing is stamped and every hop is decided afresh.
/// </summary>
internal sealed record CallChainSettings(byte[]? Secret, TimeSpan MaxAge)
{
    public const int MinSecretLength = 32;

    public static CallChainSettings Off { get; } = new(null, TimeSpan.FromMinutes(1));

    public bool Enabled => Secret is not null;

    public string Fingerprint => Secret is null ? "off" : Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Secret)) + "|" + MaxAge;
}
