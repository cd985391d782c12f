using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Shop.BuildingBlocks.Http;
using Shop.BuildingBlocks.Persistence;

namespace Shop.Sync.Feeds;

public static class SyncRegistration
{
    /// <summary>
    /// Reads feed <paramref name="feedName"/> into <typeparamref name="TContext"/> with
    /// <typeparamref name="TApplier"/>. The relay always exists (a command can run it once); the
    /// background loop runs only when the feed has a URL.
    /// </summary>
    public static IServiceCollection AddOutboxRelay<TContext, TApplier>(
        this IServiceCollection services, IConfiguration configuration, string feedName, string module, bool startsAfterBackfill = false)
        where TContext : ModuleDbContext
        where TApplier : class, IEventApplier<TContext>
    {
        var feed = FeedOptions.FromConfiguration(configuration, feedName, module);
        services.AddSingleton(feed);
        services.TryAddSingleton<SyncStatus>();
        services.AddHttpClient<OutboxFeedClient>(http => http.Timeout = TimeSpan.FromSeconds(10));
        services.AddScoped<IEventApplier<TContext>, TApplier>();
        services.AddSingleton(provider => new OutboxRelay<TContext>(
            feed,
            provider.GetRequiredService<IServiceScopeFactory>(),
            provider.GetRequiredService<OutboxFeedClient>(),
            provider.GetRequiredService<SyncStatus>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<OutboxRelay<TContext>>>(),
            startsAfterBackfill));
        if (feed.Enabled)
        {
            services.AddHostedService<RelayService<TContext>>();
        }

        return services;
    }

    /// <summary>
    /// Adds a backfill of <typeparamref name="TRow"/> rows from the system feed <paramref name="feedName"/>
    /// reads (same URL and key), with <typeparamref name="TImporter"/> writing rows.
    /// </summary>
    public static IServiceCollection AddBackfill<TContext, TRow, TImporter>(this IServiceCollection services, string feedName)
        where TContext : ModuleDbContext
        where TImporter : class, IRowImporter<TContext, TRow>
    {
        services.AddScoped<IRowImporter<TContext, TRow>, TImporter>();
        services.AddHttpClient(nameof(Backfill<TContext, TRow>), http => http.Timeout = TimeSpan.FromSeconds(30));
        services.AddTransient(provider => new Backfill<TContext, TRow>(
            provider.GetRequiredService<IServiceScopeFactory>(),
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(Backfill<TContext, TRow>)),
            provider.GetRequiredService<OutboxFeedClient>(),
            provider.GetServices<FeedOptions>().Single(feed => feed.Name == feedName),
            provider.GetRequiredService<TimeProvider>()));
        return services;
    }

    private static Results<Ok<FeedStatus>, ProblemHttpResult> StatusOf(string feed, SyncStatus status, bool known) =>
        known
            ? TypedResults.Ok(status.Feeds.Single(f => f.Feed == feed))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such feed.",
                detail: $"This host reads no feed '{feed}'; it reads: {(status.Feeds.Count == 0 ? "none" : string.Join(", ", status.Feeds.Select(f => f.Feed)))}.");

    /// <summary>The status board, for a host that may read no feed at all (it then lists none).</summary>
    public static IServiceCollection TryAddSyncStatus(this IServiceCollection services)
    {
        services.TryAddSingleton<SyncStatus>();
        return services;
    }

    /// <summary><c>GET /api/sync/status</c>: each feed's cursor, head, lag, counts and last error (admin).</summary>
    public static IEndpointRouteBuilder MapSyncStatus(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/sync/status", (SyncStatus status) => TypedResults.Ok(status.Feeds))
            .RequireShopAdmin().WithTags("Sync").WithName("SyncStatus")
            .WithSummary("Each outbox feed this host reads: cursor, head, lag, counts, last error, paused (admin).");
        endpoints.MapPost("/api/sync/feeds/{feed}/pause", async (string feed, SyncStatus status, CancellationToken cancellationToken) =>
                StatusOf(feed, status, await status.PauseAsync(feed, cancellationToken)))
            .RequireShopAdmin().WithTags("Sync").WithName("PauseFeed")
            .WithSummary("Stops taking in a feed's events until it is resumed, answering once the page under way (if any) is in; what the other side writes meanwhile waits in its outbox (admin).");
        endpoints.MapPost("/api/sync/feeds/{feed}/resume", (string feed, SyncStatus status) => StatusOf(feed, status, status.Resume(feed)))
            .RequireShopAdmin().WithTags("Sync").WithName("ResumeFeed")
            .WithSummary("Takes in a paused feed's events again, from where it stopped, at its next poll (admin).");
        return endpoints;
    }
}
