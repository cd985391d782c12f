using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Strangler.Contracts;

namespace Shop.BuildingBlocks.DryRun;

/// <summary>
/// A write made during a dry run may call another system (ordering calls Catalog and Payments); that
/// call must not take stock or money for real, so it carries the marker and the secret on.
/// </summary>
internal sealed class DryRunForwardingHandler(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var scope = accessor.HttpContext?.RequestServices.GetService<DryRunScope>();
        if (scope is { IsActive: true, Secret: { } secret })
        {
            request.Headers.Remove(StranglerHeaders.DryRun);
            request.Headers.TryAddWithoutValidation(StranglerHeaders.DryRun, secret);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
