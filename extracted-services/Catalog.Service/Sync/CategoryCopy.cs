using System.Text.Json;
using Catalog.Service.Infrastructure;
using Catalog.Service.Model;
using Microsoft.EntityFrameworkCore;
using Shop.Sync.Feeds;
using Shop.Catalog.Contracts.Products;

namespace Catalog.Service.Sync;

/// <summary>
/// Categories are few and fixed in the monolith (no events), so the backfill copies them whole from
/// the public category list before the products, ids included.
/// </summary>
internal sealed class CategoryCopy(HttpClient http, IEnumerable<FeedOptions> feeds, CatalogContext db)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var feed = feeds.Single(f => f.Name == CatalogService.MonolithFeed);
        var categories = await http.GetFromJsonAsync<List<CategoryDto>>(new Uri(feed.Url!, "/api/catalog/categories"), Json, cancellationToken) ?? [];
        foreach (var category in categories)
        {
            var row = await db.Categories.SingleOrDefaultAsync(c => c.Slug == category.Slug, cancellationToken);
            if (row is null)
            {
                db.Categories.Add(new Category { Id = category.Id, Slug = category.Slug, Name = category.Name });
            }
            else
            {
                row.Name = category.Name;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
