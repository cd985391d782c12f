using Microsoft.EntityFrameworkCore;
using Shop.Kernel;
using Shop.Catalog.Infrastructure;
using Shop.Catalog.Model;

namespace Shop.Catalog.Products;

/// <summary>The fields a product is created or edited with, and the rules they obey.</summary>
internal sealed record ProductInput(string Name, string? Description, string Category, Money Price)
{
    public const decimal MaxPrice = 1_000_000m;

    public void Validate(ValidationErrors errors)
    {
        errors.AddIf(string.IsNullOrWhiteSpace(Name), "name", "is required.");
        errors.AddIf(Name?.Length > 200, "name", "must be at most 200 characters.");
        errors.AddIf(Description?.Length > 2000, "description", "must be at most 2000 characters.");
        errors.AddIf(string.IsNullOrWhiteSpace(Category), "category", "is required.");
        ValidatePrice(Price, errors);
    }

    public static void ValidatePrice(Money? price, ValidationErrors errors)
    {
        if (price is null)
        {
            errors.Add("price", "is required.");
            return;
        }

        errors.AddIf(price.Amount <= 0 || price.Amount > MaxPrice, "price.amount", $"must be more than 0 and at most {MaxPrice}.");
        errors.AddIf(!Money.HasValidScale(price.Amount), "price.amount", $"must have at most {Money.Decimals} decimals.");
        errors.AddIf(!Money.IsCurrencyCode(price.Currency), "price.currency", "must be a three-letter upper-case ISO 4217 code, such as EUR.");
    }

    /// <summary>Looks up the category by slug; an unknown one is reported as a field error.</summary>
    public async Task<Category?> FindCategoryAsync(CatalogDbContext db, ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Category))
        {
            return null;
        }

        var category = await db.Categories.SingleOrDefaultAsync(c => c.Slug == Category, cancellationToken);
        errors.AddIf(category is null, "category", $"no category has the slug '{Category}'.");
        return category;
    }
}
