using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Strangler.ServiceDefaults.Hosting;

namespace Strangler.ServiceDefaults.Security;

/// <summary>
/// Bearer keys from configuration guarding a host's admin endpoints, compared in constant time. A
/// refusal is a 401 problem that says what was wrong, never which keys exist. The keyless
/// Development mode (<see cref="AdminKeyOptions.OpenToLocalDeveloperWithoutKey"/>) also needs a
/// loopback Host header: a page on another site that rebinds its DNS name to 127.0.0.1 reaches the
/// port from the developer's browser, but its requests still carry that site's Host.
/// </summary>
public sealed class AdminKeyAuthentication(
    IOptionsMonitor<AdminKeyOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IConfiguration configuration,
    IHostEnvironment environment,
    IProblemDetailsService problemDetails)
    : AuthenticationHandler<AdminKeyOptions>(options, logger, encoder)
{
    public const string LocalDeveloper = "local-developer";

    /// <summary>ASP.NET Core's switch (since 7.0) that keeps a lone scheme from becoming the default.</summary>
    public const string SuppressAutoDefaultScheme = "Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme";

    /// <summary>A key any shorter can be guessed or was typed as a placeholder; refused at start.</summary>
    public const int MinKeyLength = 32;

    /// <summary>
    /// Adds the scheme and a policy of the same name that requires it, so that only the endpoints
    /// marked with the policy authenticate at all.
    /// </summary>
    public static IServiceCollection Add(IServiceCollection services, string scheme, Action<AdminKeyOptions> configure)
    {
        // Not the default scheme, though it is the only one: ASP.NET Core would then authenticate every
        // request against the admin keys (the façade's proxied traffic too) in the authentication
        // middleware a WebApplication adds by itself. The policy names the scheme where it is needed.
        AppContext.SetSwitch(SuppressAutoDefaultScheme, true);
        services.AddAuthentication().AddScheme<AdminKeyOptions, AdminKeyAuthentication>(scheme, configure);
        services.AddAuthorizationBuilder().AddPolicy(scheme, policy => policy.AddAuthenticationSchemes(scheme).RequireAuthenticatedUser());
        return services;
    }

    /// <summary>A problem for each key shorter than <see cref="MinKeyLength"/>, naming the key, never its value.</summary>
    public static IEnumerable<string> TooShort(IEnumerable<ConfiguredKey> keys) =>
        keys.Where(key => key.Value.Length < MinKeyLength)
            .Select(key => $"{key.Path} is {key.Value.Length} characters long; an admin key needs at least {MinKeyLength} (for example the output of 'openssl rand -base64 32').");

    // A request without a key is no result rather than a failure: only an endpoint that needs the
    // key challenges it, and the challenge says why (WhyNoKey).
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var keys = ConfiguredKeys();
        if (keys.Count == 0)
        {
            return Task.FromResult(Options.OpenToLocalDeveloperWithoutKey && IsLocalDevelopment() ? Success(LocalDeveloper) : AuthenticateResult.NoResult());
        }

        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var presented = Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim());
        foreach (var key in keys)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes(key.Value)))
            {
                return Task.FromResult(Success(key.Name));
            }
        }

        return Task.FromResult(AuthenticateResult.Fail("The admin key is not one of the configured keys."));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message ?? WhyNoKey();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status401Unauthorized, Title = Options.Title, Detail = failure },
        });
    }

    private string WhyNoKey() =>
        ConfiguredKeys().Count > 0 ? "Send the admin key as 'Authorization: Bearer <key>'."
        : Options.OpenToLocalDeveloperWithoutKey ? $"The admin API is disabled: no key is configured under {Options.Source.Path}, and it is only open without one to loopback callers in Development that name a loopback host (localhost, 127.0.0.1, [::1])."
        : $"The admin API is disabled: no key is configured ({Options.Source.Path}).";

    private List<ConfiguredKey> ConfiguredKeys() => Options.Source.Read(configuration).Where(key => key.Value.Length > 0).ToList();

    private bool IsLocalDevelopment() =>
        environment.IsDevelopment() && Context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address)
        && ExposureWarning.IsLoopbackHost(Request.Host.Host);

    private AuthenticateResult Success(string name)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }
}
