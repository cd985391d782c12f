using Shop.BuildingBlocks.Hosting;
using Strangler.ServiceDefaults.Settings;

namespace Ordering.Service.Monolith;

/// <summary>
/// Where the monolith's Catalog (stock) and Payments live, from <c>Monolith:*</c>. In the sample
/// this is the façade's address, so those calls take the same route any client's would.
/// </summary>
internal sealed record MonolithOptions(Uri BaseUrl, string? ApiKey, TimeSpan Timeout, int Retries)
{
    public const string SectionName = "Monolith";
    private static readonly string[] Keys = ["BaseUrl", "ApiKey", "Timeout", "Retries"];

    public static MonolithOptions FromConfiguration(IConfiguration configuration)
    {
        var settings = new SettingReader(configuration.GetSection(SectionName)).Known(Keys);
        var url = settings.Url("BaseUrl", "http://127.0.0.1:5000",
            requiredBecause: "the address of the monolith (or the façade in front of it) for stock and payments");
        var timeout = settings.Duration("Timeout", TimeSpan.FromSeconds(5), TimeSpan.FromTicks(1), TimeSpan.FromMinutes(2));
        var retries = settings.Whole("Retries", 2, 0, 5);
        settings.ThrowIfAny(ShopSettings.Subject);
        return new MonolithOptions(url!, settings.Text("ApiKey"), timeout, retries);
    }
}
