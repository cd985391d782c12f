namespace Shop.Kernel;

/// <summary>A 1-based page of at most <see cref="MaxPageSize"/> items.</summary>
public sealed record PageRequest(int Page, int PageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public int Skip => (Page - 1) * PageSize;

    /// <summary>Applies defaults to absent values and reports out-of-range ones into <paramref name="errors"/>.</summary>
    public static PageRequest From(int? page, int? pageSize, ValidationErrors errors)
    {
        var request = new PageRequest(page ?? 1, pageSize ?? DefaultPageSize);
        errors.AddIf(request.Page < 1, "page", "must be 1 or more.");
        errors.AddIf(request.PageSize is < 1 or > MaxPageSize, "pageSize", $"must be between 1 and {MaxPageSize}.");
        return request;
    }
}
