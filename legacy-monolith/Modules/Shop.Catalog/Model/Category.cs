namespace Shop.Catalog.Model;

internal sealed class Category
{
    public Guid Id { get; init; }

    public required string Slug { get; init; }

    public required string Name { get; init; }
}
