namespace Shop.BuildingBlocks.Seeding;

/// <summary>
/// Fills a module's empty tables with the deterministic sample. Seeders run in <see cref="Order"/>,
/// so a module can seed through the public contracts of the modules seeded before it.
/// </summary>
public interface IModuleSeeder
{
    int Order { get; }

    Task SeedAsync(SampleSize size, CancellationToken cancellationToken);
}

/// <summary>How much sample data to create. The default is the shop a person explores; tests use less.</summary>
public sealed record SampleSize(int Categories, int Products, int Customers)
{
    public static SampleSize Default { get; } = new(20, 1000, 40);
}
