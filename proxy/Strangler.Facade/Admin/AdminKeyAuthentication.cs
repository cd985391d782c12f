using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Strangler.Facade.Admin;

/// <summary>
/// Bearer keys from <c>Strangler:Admin:Keys:&lt;name&gt;</c>; the key's name is who the audit records.
/// Keys are read per request, so a rotated key works without a restart. With no key configured the
/// admin API answers only in Development and only to loopback callers who also name a loopback
/// host, as <c>local-developer</c>: a page on another site that rebinds its DNS name to 127.0.0.1
/// reaches the port from the developer's browser, but its requests still carry that site's Host.
/// </summary>
internal sealed class AdminKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IConfiguration configuration,
    IHostEnvironment environment,
    IProblemDetailsService problemDetails)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "StranglerAdminKey";
    public const string PolicyName = "StranglerAdmin";
    public const string KeysSection = "Strangler:Admin:Keys";
    public const string LocalDeveloper = "local-developer";

    /// <summary>A key any shorter can be guessed or was typed as a placeholder; refused at start.</summary>
    public const int MinKeyLength = 32;

    /// <summary>A problem for each configured key shorter than <see cref="MinKeyLength"/>, naming the key, never its value.</summary>
    public static IEnumerable<string> TooShort(IConfiguration configuration) =>
        configuration.GetSection(KeysSection).GetChildren()
            .Where(key => !string.IsNullOrEmpty(key.Value) && key.Value.Length < MinKeyLength)
            .Select(key => $"{KeysSection}:{key.Key} is {key.Value!.Length} characters long; an admin key needs at least {MinKeyLength} (for example the output of 'openssl rand -base64 32').");

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var keys = configuration.GetSection(KeysSection).GetChildren().Where(k => !string.IsNullOrEmpty(k.Value)).ToList();
        if (keys.Count == 0)
        {
            return Task.FromResult(IsLocalDevelopment()
                ? Success(LocalDeveloper)
                : AuthenticateResult.Fail($"The admin API is disabled: no key is configured under {KeysSection}, and it is only open without one to loopback callers in Development that name a loopback host (localhost, 127.0.0.1, [::1])."));
        }

        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.Fail("Send the admin key as 'Authorization: Bearer <key>'."));
        }

        var presented = Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim());
        foreach (var key in keys)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes(key.Value!)))
            {
                return Task.FromResult(Success(key.Key));
            }
        }

        return Task.FromResult(AuthenticateResult.Fail("The admin key is not one of the configured keys."));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message ?? "An admin key is required.";
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = 401, Title = "The admin API needs a valid key.", Detail = failure },
        });
    }

    private bool IsLocalDevelopment() =>
        environment.IsDevelopment() && Context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address) && IsLoopbackHost(Request.Host.Host);

    private static bool IsLoopbackHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var named) && IPAddress.IsLoopback(named));

    private static AuthenticateResult Success(string name)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
