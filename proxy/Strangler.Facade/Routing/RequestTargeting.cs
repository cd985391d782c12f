using Strangler.Facade.Settings;

namespace Strangler.Facade.Routing;

/// <summary>
/// Who a request is for, in Microsoft.FeatureManagement's terms: a user id (the verified token's claim,
/// then the user header where it counts, then the client address) and groups (group claims, then every
/// group header where they count, comma-separated). Headers count only where the caller says they do:
/// on a route with Auth, a client would otherwise pick its own side by setting one.
/// </summary>
internal static class RequestTargeting
{
    private const int MaxValueLength = 128;

    public static string? UserId(HttpContext context, TargetingOptions options, bool headersCount) =>
        VerifiedUserId(context, options, headersCount)
        ?? (options.UseClientAddressWhenAnonymous && context.Connection.RemoteIpAddress is { } address ? "client:" + address : null);

    /// <summary>The user the token names, or the trusted header's; never the client address.</summary>
    public static string? VerifiedUserId(HttpContext context, TargetingOptions options, bool headersCount)
    {
        if (options.UserClaim is not null && IsAuthenticated(context) && Bounded(context.User.FindFirst(options.UserClaim)?.Value) is { } claimed)
        {
            return claimed;
        }

        return headersCount ? FirstValue(context.Request.Headers[options.UserHeader]) : null;
    }

    /// <summary>The request's groups, or null when it has none (the common case, which allocates nothing).</summary>
    public static List<string>? Groups(HttpContext context, TargetingOptions options, bool headersCount)
    {
        List<string>? groups = null;
        if (IsAuthenticated(context))
        {
            // By index: a foreach over the interface would allocate an enumerator on every request.
            for (var i = 0; i < options.GroupClaims.Count; i++)
            {
                foreach (var claim in context.User.FindAll(options.GroupClaims[i]))
                {
                    if (Bounded(claim.Value) is { } group)
                    {
                        (groups ??= []).Add(group);
                    }
                }
            }
        }

        if (!headersCount)
        {
            return groups;
        }

        for (var i = 0; i < options.GroupHeaders.Count; i++)
        {
            foreach (var value in context.Request.Headers[options.GroupHeaders[i]])
            {
                foreach (var group in (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (group.Length <= MaxValueLength)
                    {
                        (groups ??= []).Add(group);
                    }
                }
            }
        }

        return groups;
    }

    // Claims come from the token IdentityStep validated; on a route without Auth there are none.
    private static bool IsAuthenticated(HttpContext context) => context.User.Identity is { IsAuthenticated: true };

    private static string? FirstValue(Microsoft.Extensions.Primitives.StringValues values) =>
        Bounded(values.Count > 0 ? values[0]?.Trim() : null);

    private static string? Bounded(string? value) => string.IsNullOrEmpty(value) || value.Length > MaxValueLength ? null : value;
}
