using Microsoft.AspNetCore.Builder;
using Shop.Sync.Outbox;

namespace Shop.Sync.Feeds;

/// <summary>What every shop host serves for sync, whether or not it reads a feed itself: its modules' outbox feeds and its sync status (both admin).</summary>
public static class SyncHosting
{
    public static WebApplicationBuilder AddSync(this WebApplicationBuilder builder)
    {
        builder.Services.TryAddSyncStatus();
        return builder;
    }

    public static WebApplication MapSync(this WebApplication app)
    {
        app.MapOutboxFeed();
        app.MapSyncStatus();
        return app;
    }
}
