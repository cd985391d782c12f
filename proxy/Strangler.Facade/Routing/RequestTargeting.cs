using Strangler.Facade.Settings;

namespace Strangler.Facade.Routing;

/// <summary>
/// Who a request is for, in Microsoft.FeatureManagement's terms: a user id (header, then claim, then
/// the client address) and groups (every group header, comma-separated, and group claims).
/// </summary>
internal static class RequestTargeting
{
    private const int MaxValueLength = 128;

    public static string? UserId(HttpContext context, TargetingOptions options)
    {
        var userId = FirstValue(context.Request.Headers[options.UserHeader]);
        if (userId is null && options.UserClaim is not null && IsAuthenticated(context))
        {
            userId = context.User.FindFirst(options.UserClaim)?.Value;
        }

        if (userId is null && options.UseClientAddressWhenAnonymous && context.Connection.RemoteIpAddress is { } address)
        {
            userId = "client:" + address;
        }

        return userId;
    }

    /// <summary>The request's groups, or null when it has none (the common case, which allocates nothing).</summary>
    public static List<string>? Groups(HttpContext context, TargetingOptions options)
    {
        List<string>? groups = null;
        // By index: a foreach over the interface would allocate an enumerator on every request.
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

        if (options.GroupClaim is not null && IsAuthenticated(context))
        {
            foreach (var claim in context.User.FindAll(options.GroupClaim))
            {
                (groups ??= []).Add(claim.Value);
            }
        }

        return groups;
    }

    // Claims come from authentication a team adds to the façade; without it there are none to read.
    private static bool IsAuthenticated(HttpContext context) => context.User.Identity is { IsAuthenticated: true };

    private static string? FirstValue(Microsoft.Extensions.Primitives.StringValues values)
    {
        var value = values.Count > 0 ? values[0]?.Trim() : null;
        return string.IsNullOrEmpty(value) || value.Length > MaxValueLength ? null : value;
    }
}
