using System.Collections.Concurrent;

namespace ReportsApp;

/// <summary>Customers, kept in memory: the part of the system no capability claims, so it stays on the legacy side.</summary>
internal static class CustomersApi
{
    public static void MapCustomersApi(this IEndpointRouteBuilder app)
    {
        var customers = app.MapGroup("/api/customers").WithTags("Customers");
        customers.MapGet("/", (Customers all) => Results.Ok(all.List()));
        customers.MapGet("/{id:int}", (int id, Customers all) =>
            all.Find(id) is { } customer ? Results.Ok(customer) : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such customer."));
        customers.MapPost("/", (NewCustomer body, Customers all, HttpContext context) =>
        {
            if (string.IsNullOrWhiteSpace(body.Name))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "A customer needs a name.");
            }

            var customer = all.Add(body.Name.Trim());
            return Results.Created($"{ReportsApi.Origin(context)}/api/customers/{customer.Id}", customer);
        });
    }
}

internal sealed record NewCustomer(string? Name);

internal sealed record Customer(int Id, string Name);

internal sealed class Customers
{
    private readonly ConcurrentDictionary<int, Customer> byId = new() { [1] = new Customer(1, "Ada"), [2] = new Customer(2, "Grace") };
    private int lastId = 2;

    public IReadOnlyList<Customer> List() => [.. byId.Values.OrderBy(c => c.Id)];

    public Customer? Find(int id) => byId.GetValueOrDefault(id);

    public Customer Add(string name)
    {
        var customer = new Customer(Interlocked.Increment(ref lastId), name);
        byId[customer.Id] = customer;
        return customer;
    }
}
