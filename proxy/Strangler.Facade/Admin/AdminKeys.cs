using Strangler.ServiceDefaults.Security;

namespace Strangler.Facade.Admin;

/// <summary>
/// The façade's admin keys: <c>Strangler:Admin:Keys:&lt;name&gt;</c>, the key's name being who the audit
/// records. With none configured, the admin API answers only loopback callers in Development.
/// </summary>
internal static class AdminKeys
{
    public const string Scheme = "StranglerAdmin";

    public static readonly AdminKeySource Source = AdminKeySource.Named("Strangler:Admin:Keys");

    public static IServiceCollection AddAdminKeys(this IServiceCollection services) =>
        AdminKeyAuthentication.Add(services, Scheme, options => (options.Source, options.OpenToLocalDeveloperWithoutKey) = (Source, true));
}
