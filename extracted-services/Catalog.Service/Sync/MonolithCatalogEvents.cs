using System.Text.Json;
using Catalog.Service.Infrastructure;
using Catalog.Service.Model;
using Microsoft.EntityFrameworkCore;
using Shop.Sync.Outbox;
using Shop.BuildingBlocks.Seeding;
using Shop.Sync.Feeds;
using Shop.Catalog.Contracts.Events;

namespace Catalog.Service.Sync;

/// <summary>
/// Change sync: the monolith's catalog events become this service's rows. Each event carries the
/// product's version after the change; an event at or below the version held is stale (a backfill or
/// an earlier delivery got there first) and changes nothing.
/// </summary>
internal sealed class MonolithCatalogEvents : IEventApplier<CatalogContext>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<ApplyOutcome> ApplyAsync(CatalogContext db, OutboxFeedEntry entry, CancellationToken cancellationToken)
    {
        var productId = Guid.Parse(entry.AggregateId);
        var product = await db.Products.SingleOrDefaultAsync(p => p.Id == productId, cancellationToken);
        if (product is not null && product.Version >= entry.AggregateVersion)
        {
            return ApplyOutcome.Stale;
        }

        if (entry.EventType == ProductCreated.EventType || entry.EventType == ProductUpdated.EventType)
        {
            var state = Read<ProductUpdated>(entry);
            await EnsureCategoryAsync(db, state.Category, state.CategoryName, cancellationToken);
            if (product is null)
            {
                product = ProductRows.New(state.ProductId, state.Sku, state.Name, state.Description, state.Category, state.CategoryName, state.Price);
                db.Products.Add(product);
            }

            ProductRows.Take(product, state.Name, state.Description, state.Category, state.CategoryName, state.Price);
            product.StockOnHand = state.StockOnHand;
            product.Version = state.AggregateVersion;
            product.CreatedAt = state.CreatedAt;
            product.UpdatedAt = state.UpdatedAt;
            return ApplyOutcome.Applied;
        }

        if (entry.EventType == StockChanged.EventType)
        {
            if (product is null)
            {
                return ApplyOutcome.Stale; // deleted since; its deletion is already applied
            }

            var change = Read<StockChanged>(entry);
            product.StockOnHand = change.StockOnHand;
            product.Version = change.AggregateVersion;
            product.UpdatedAt = change.UpdatedAt;
            return ApplyOutcome.Applied;
        }

        if (entry.EventType == ProductDeleted.EventType)
        {
            if (product is null)
            {
                return ApplyOutcome.Stale;
            }

            db.Products.Remove(product);
            return ApplyOutcome.Applied;
        }

        return ApplyOutcome.Ignored;
    }

    private static T Read<T>(OutboxFeedEntry entry) =>
        entry.Payload.Deserialize<T>(Json) ?? throw new JsonException($"Event {entry.EventId} ({entry.EventType}) has an empty payload.");

    // Categories are not evented in the monolith (they are fixed there); a slug not yet copied by the
    // backfill gets the id the monolith's own naming rule gives it.
    private static async Task EnsureCategoryAsync(CatalogContext db, string slug, string name, CancellationToken cancellationToken)
    {
        var category = await db.Categories.SingleOrDefaultAsync(c => c.Slug == slug, cancellationToken)
            ?? db.Categories.Local.SingleOrDefault(c => c.Slug == slug);
        if (category is null)
        {
            db.Categories.Add(new Category { Id = DeterministicGuid.Create("category/" + slug), Slug = slug, Name = name });
        }
        else
        {
            category.Name = name;
        }
    }
}
