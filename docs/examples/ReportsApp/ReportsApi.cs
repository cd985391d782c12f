namespace ReportsApp;

/// <summary>
/// Yearly sales reports, paged three to a page. Every link is absolute and built from the Host the
/// request arrived with, the way most frameworks build them; <c>generatedAt</c> is new on every call.
/// </summary>
internal static class ReportsApi
{
    private const int FirstYear = 2019;
    private const int LastYear = 2026;
    private const int PageSize = 3;

    public static void MapReportsApi(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/reports").WithTags("Reports");
        reports.MapGet("/", (int? page, HttpContext context) =>
        {
            var current = page ?? 1;
            var pages = (LastYear - FirstYear + PageSize) / PageSize;
            if (current < 1 || current > pages)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "No such page.", detail: $"page must be between 1 and {pages}.");
            }

            var origin = Origin(context);
            var links = new List<string> { $"<{origin}/api/reports?page=1>; rel=\"first\"" };
            if (current < pages)
            {
                links.Add($"<{origin}/api/reports?page={current + 1}>; rel=\"next\"");
            }

            context.Response.Headers.Link = string.Join(", ", links);
            var years = Enumerable.Range(FirstYear, LastYear - FirstYear + 1).Reverse().Skip((current - 1) * PageSize).Take(PageSize);
            return Results.Ok(new
            {
                items = years.Select(year => new { year, total = TotalOf(year), href = $"{origin}/api/reports/{year}" }),
                page = current,
                generatedAt = DateTimeOffset.UtcNow,
            });
        });
        reports.MapGet("/{year:int}", (int year, HttpContext context) =>
        {
            if (year is < FirstYear or > LastYear)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such report.", detail: $"Reports cover {FirstYear} to {LastYear}.");
            }

            context.Response.Headers.Link = $"<{Origin(context)}/api/reports>; rel=\"collection\"";
            return Results.Ok(new { year, total = TotalOf(year), generatedAt = DateTimeOffset.UtcNow });
        });
    }

    public static string Origin(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}";

    // A figure that is the same on every copy of the app, so two copies agree on everything but generatedAt.
    private static decimal TotalOf(int year) => 1000m + ((year * 7919) % 5000);
}
