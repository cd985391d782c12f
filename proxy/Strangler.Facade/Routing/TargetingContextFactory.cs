using Microsoft.FeatureManagement.FeatureFilters;
using Strangler.Facade.Manifest;

namespace Strangler.Facade.Routing;

/// <summary>
/// Who a request is for, in Microsoft.FeatureManagement's terms: a user id (header, then claim, then
/// the client address) and groups (every group header, comma-separated, and group claims).
/// </summary>
internal static class TargetingContextFactory
{
    private const int MaxValueLength = 128;

    public static TargetingContext Create(HttpContext context, TargetingOptions options)
    {
        var userId = FirstValue(context.Request.Headers[options.UserHeader]);
        if (userId is null && options.UserClaim is not null)
        {
            userId = context.User.FindFirst(options.UserClaim)?.Value;
        }

        if (userId is null && options.UseClientAddressWhenAnonymous && context.Connection.RemoteIpAddress is { } address)
        {
            userId = "client:" + address;
        }

        List<string>? groups = null;
        foreach (var header in options.GroupHeaders)
        {
            foreach (var value in context.Request.Headers[header])
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

        if (options.GroupClaim is not null)
        {
            foreach (var claim in context.User.FindAll(options.GroupClaim))
            {
                (groups ??= []).Add(claim.Value);
            }
        }

        return new TargetingContext { UserId = userId, Groups = groups ?? (IEnumerable<string>)[] };
    }

    private static string? FirstValue(Microsoft.Extensions.Primitives.StringValues values)
    {
        var value = values.Count > 0 ? values[0]?.Trim() : null;
        return string.IsNullOrEmpty(value) || value.Length > MaxValueLength ? null : value;
    }
}
