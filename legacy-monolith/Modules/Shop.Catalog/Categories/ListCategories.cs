using Mediator;
using Microsoft.EntityFrameworkCore;
using Shop.Catalog.Contracts.Products;
using Shop.Catalog.Infrastructure;

namespace Shop.Catalog.Categories;

internal sealed record ListCategories : IQuery<IReadOnlyList<CategoryDto>>;

internal sealed class ListCategoriesHandler(CatalogDbContext db) : IQueryHandler<ListCategories, IReadOnlyList<CategoryDto>>
{
    public async ValueTask<IReadOnlyList<CategoryDto>> Handle(ListCategories query, CancellationToken cancellationToken) =>
        await db.Categories.AsNoTracking()
            .OrderBy(c => c.Slug)
            .Select(c => new CategoryDto(c.Id, c.Slug, c.Name, db.Products.Count(p => p.CategoryId == c.Id)))
            .ToListAsync(cancellationToken);
}
