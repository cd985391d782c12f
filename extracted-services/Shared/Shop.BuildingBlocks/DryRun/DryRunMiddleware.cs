using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shop.BuildingBlocks.Persistence;
using Strangler.Contracts;

namespace Shop.BuildingBlocks.DryRun;

/// <summary>
/// Honours <see cref="StranglerHeaders.DryRun"/>: with the right secret (<c>DryRun:Secret</c>) every
/// module database of the request runs in one transaction per database that is rolled back once the
/// response is written, so the answer is the one a real write would give and nothing stays. A wrong
/// or unexpected marker is refused (403) rather than ignored: running a write for real when the
/// caller asked for a dry run would be the one unforgivable outcome. The answer carries
/// <see cref="StranglerHeaders.DryRunAcknowledgement"/>, the proof a façade checks that the dry run was honoured.
/// </summary>
internal sealed class DryRunMiddleware(RequestDelegate next)
{
    public const string SecretKey = "DryRun:Secret";

    public async Task InvokeAsync(HttpContext context, DryRunScope scope, IConfiguration configuration, IEnumerable<IModuleDatabase> databases)
    {
        if (!context.Request.Headers.TryGetValue(StranglerHeaders.DryRun, out var presented))
        {
            await next(context);
            return;
        }

        var secret = configuration[SecretKey];
        if (string.IsNullOrEmpty(secret))
        {
            await RefuseAsync(context, $"This host does not accept dry runs: {SecretKey} is not set.");
            return;
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented.ToString()), Encoding.UTF8.GetBytes(secret)))
        {
            await RefuseAsync(context, $"The {StranglerHeaders.DryRun} secret does not match; nothing was run.");
            return;
        }

        scope.Activate(secret);
        context.Response.Headers[StranglerHeaders.DryRun] = "rolled-back";
        context.Response.Headers[StranglerHeaders.DryRunAcknowledgement] = Acknowledgement(secret, context);
        var transactions = new List<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction>();
        try
        {
            foreach (var database in databases)
            {
                transactions.Add(await database.BeginDryRunAsync(context.RequestServices, context.RequestAborted));
            }

            await next(context);
        }
        finally
        {
            foreach (var transaction in transactions)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                await transaction.DisposeAsync();
            }
        }
    }

    // What only a host that holds the secret and read this very request can answer (docs/06, "Dry runs").
    private static string Acknowledgement(string secret, HttpContext context) =>
        DryRunAcknowledgement.For(secret, context.Request.Method,
            context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget ?? "",
            context.Request.Headers[StranglerHeaders.CorrelationId].ToString());

    private static Task RefuseAsync(HttpContext context, string detail) =>
        Microsoft.AspNetCore.Http.Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Dry run refused.", detail: detail).ExecuteAsync(context);
}

public static class DryRunExtensions
{
    public static IServiceCollection AddDryRun(this IServiceCollection services)
    {
        services.AddScoped<DryRunScope>();
        return services;
    }

    /// <summary>After correlation and error handling, before the endpoints.</summary>
    public static IApplicationBuilder UseDryRun(this IApplicationBuilder app) => app.UseMiddleware<DryRunMiddleware>();
}
