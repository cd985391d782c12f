using Microsoft.EntityFrameworkCore;
using Shop.Sync.Outbox;
using Shop.BuildingBlocks.Seeding;
using Shop.Catalog.Infrastructure;
using Shop.Catalog.Model;
using Shop.Catalog.Products;

namespace Shop.Catalog.Seeding;

/// <summary>
/// The sample catalog: the same categories, products, prices and ids on every machine and provider.
/// Runs only on an empty catalog.
/// </summary>
internal sealed class CatalogSeeder(CatalogDbContext db, TimeProvider clock) : IModuleSeeder
{
    private static readonly (string Slug, string Name, string[] Nouns)[] Departments =
    [
        ("kitchen", "Kitchen", ["Pan", "Kettle", "Knife"]), ("garden", "Garden", ["Trowel", "Planter", "Hose"]),
        ("books", "Books", ["Novel", "Atlas", "Cookbook"]), ("toys", "Toys", ["Puzzle", "Kite", "Robot"]),
        ("audio", "Audio", ["Speaker", "Headphones", "Turntable"]), ("office", "Office", ["Stapler", "Notebook", "Lamp"]),
        ("sports", "Sports", ["Ball", "Racket", "Helmet"]), ("outdoor", "Outdoor", ["Tent", "Lantern", "Backpack"]),
        ("bath", "Bath", ["Towel", "Mirror", "Soap Dish"]), ("bedroom", "Bedroom", ["Pillow", "Duvet", "Nightstand"]),
        ("lighting", "Lighting", ["Bulb", "Pendant", "Sconce"]), ("tools", "Tools", ["Hammer", "Drill", "Wrench"]),
        ("pets", "Pets", ["Leash", "Bowl", "Bed"]), ("baby", "Baby", ["Rattle", "Blanket", "Bottle"]),
        ("travel", "Travel", ["Suitcase", "Pillow", "Adapter"]), ("crafts", "Crafts", ["Yarn", "Brush", "Canvas"]),
        ("music", "Music", ["Ukulele", "Metronome", "Capo"]), ("games", "Games", ["Chess Set", "Card Deck", "Dice"]),
        ("storage", "Storage", ["Box", "Shelf", "Basket"]), ("coffee", "Coffee", ["Grinder", "Mug", "Press"]),
    ];

    private static readonly string[] Adjectives =
        ["Classic", "Compact", "Deluxe", "Rustic", "Modern", "Sturdy", "Light", "Bright", "Quiet", "Smart"];

    private static readonly string[] Materials = ["Oak", "Steel", "Cotton", "Bamboo", "Ceramic", "Glass", "Wool", "Copper"];

    private static readonly DateTime Epoch = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public int Order => 10;

    public async Task SeedAsync(SampleSize size, CancellationToken cancellationToken)
    {
        if (await db.Categories.AnyAsync(cancellationToken))
        {
            return;
        }

        var random = new Random(20261124);
        var categories = Departments.Take(Math.Clamp(size.Categories, 1, Departments.Length))
            .Select(d => (Category: new Category { Id = DeterministicGuid.Create("category/" + d.Slug), Slug = d.Slug, Name = d.Name }, d.Nouns))
            .ToList();
        db.Categories.AddRange(categories.Select(c => c.Category));

        for (var i = 1; i <= size.Products; i++)
        {
            var (category, nouns) = categories[(i - 1) % categories.Count];
            var sku = $"SKU-{i:D5}";
            var name = $"{Adjectives[random.Next(Adjectives.Length)]} {Materials[random.Next(Materials.Length)]} {nouns[random.Next(nouns.Length)]}";
            var product = new Product
            {
                Id = DeterministicGuid.Create("product/" + sku),
                Sku = sku,
                Name = name,
                Description = $"A {name.ToLowerInvariant()} from our {category.Name.ToLowerInvariant()} range.",
                Category = category,
                PriceMinor = random.Next(199, 50_000),
                Currency = "EUR",
                // About one product in twenty is sold out, so the sample shows that case too.
                StockOnHand = random.Next(20) == 0 ? 0 : random.Next(5, 250),
                Version = 1,
                CreatedAt = Epoch.AddMinutes(i),
                UpdatedAt = Epoch.AddMinutes(i),
            };
            db.Products.Add(product);
            db.AddToOutbox(product.ToCreatedEvent(), clock);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
