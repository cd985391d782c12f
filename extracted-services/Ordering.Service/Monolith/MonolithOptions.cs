using System.Globalization;
using Shop.BuildingBlocks.Persistence;

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
        var section = configuration.GetSection(SectionName);
        var problems = section.GetChildren().Where(child => !Keys.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            .Select(child => $"{SectionName}:{child.Key} is not a setting; expected one of: {string.Join(", ", Keys)}.").ToList();
        var urlText = section["BaseUrl"];
        Uri? url = null;
        if (string.IsNullOrWhiteSpace(urlText))
        {
            problems.Add($"{SectionName}:BaseUrl is required: the address of the monolith (or the façade in front of it) for stock and payments.");
        }
        else if (!Uri.TryCreate(urlText, UriKind.Absolute, out url) || url.Scheme is not ("http" or "https"))
        {
            problems.Add($"{SectionName}:BaseUrl is '{urlText}'; expected an absolute http(s) URL such as http://127.0.0.1:5000.");
        }

        var timeout = TimeSpan.FromSeconds(5);
        if (section["Timeout"] is { } timeoutText &&
            (!TimeSpan.TryParse(timeoutText, CultureInfo.InvariantCulture, out timeout) || timeout <= TimeSpan.Zero || timeout > TimeSpan.FromMinutes(2)))
        {
            problems.Add($"{SectionName}:Timeout is '{timeoutText}'; expected a duration above zero and at most 00:02:00.");
        }

        var retries = 2;
        if (section["Retries"] is { } retriesText && (!int.TryParse(retriesText, out retries) || retries is < 0 or > 5))
        {
            problems.Add($"{SectionName}:Retries is '{retriesText}'; expected a whole number from 0 to 5.");
        }

        if (problems.Count > 0)
        {
            throw new InvalidConfigurationException(string.Join(Environment.NewLine, problems));
        }

        var key = section["ApiKey"];
        return new MonolithOptions(url!, string.IsNullOrEmpty(key) ? null : key, timeout, retries);
    }
}
