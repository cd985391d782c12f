using System.Reflection;
using Shop.Catalog;
using Shop.Catalog.Contracts.Stock;
using Shop.Ordering;
using Shop.Ordering.Contracts;
using Shop.Payments;
using Shop.Payments.Contracts;

namespace Architecture.Tests;

/// <summary>The monolith's modules: each an implementation assembly and a contracts assembly.</summary>
internal static class Modules
{
    public static readonly IReadOnlyDictionary<string, (Assembly Implementation, Assembly Contracts)> All =
        new Dictionary<string, (Assembly, Assembly)>
        {
            ["Catalog"] = (typeof(CatalogModule).Assembly, typeof(ReserveStock).Assembly),
            ["Ordering"] = (typeof(OrderingModule).Assembly, typeof(OrderDto).Assembly),
            ["Payments"] = (typeof(PaymentsModule).Assembly, typeof(AuthorisePayment).Assembly),
        };

    public static TheoryData<string, string> Pairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var module in All.Keys)
        {
            foreach (var other in All.Keys.Where(other => other != module))
            {
                data.Add(module, other);
            }
        }

        return data;
    }

    public static TheoryData<string> Names() => new(All.Keys);
}
