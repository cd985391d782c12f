using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Shop.Kernel;
using Shop.Catalog.Contracts.Stock;
using Shop.Ordering.Contracts;
using Shop.Payments.Contracts;

namespace Ordering.Service.Monolith;

/// <summary>
/// Catalog's stock and Payments, which stay in the monolith, over their HTTP contracts. Their
/// problems come back as this service's <see cref="Error"/>s unchanged (same status, title, detail
/// and fields), so a refused order reads the same whichever side placed it. During a dry run the
/// calls are dry runs too (see <c>ForwardDryRuns</c>).
/// </summary>
internal sealed class MonolithClient(HttpClient http, MonolithOptions options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public Task<Result<List<ReservedLine>>> ReserveStockAsync(Guid reservationId, IReadOnlyList<OrderLineRequest> lines, CancellationToken cancellationToken) =>
        SendAsync<List<ReservedLine>>("/api/catalog/stock-reservations",
            new { reservationId, lines = lines.Select(line => new StockLine(line.Sku, line.Quantity)) }, cancellationToken);

    public Task<Result<JsonElement>> ReleaseStockAsync(Guid reservationId, CancellationToken cancellationToken) =>
        SendAsync<JsonElement>($"/api/catalog/stock-reservations/{reservationId}/release", new { }, cancellationToken);

    public Task<Result<PaymentDto>> AuthorisePaymentAsync(Guid orderId, Money amount, CancellationToken cancellationToken) =>
        SendAsync<PaymentDto>("/api/payments", new { orderId, amount }, cancellationToken);

    public Task<Result<PaymentDto>> ReleasePaymentAsync(Guid paymentId, string reason, CancellationToken cancellationToken) =>
        SendAsync<PaymentDto>($"/api/payments/{paymentId}/release", new { reason }, cancellationToken);

    public Task<Result<JsonElement>> ReleasePaymentForOrderAsync(Guid orderId, string reason, CancellationToken cancellationToken) =>
        SendAsync<JsonElement>($"/api/payments/for-order/{orderId}/release", new { reason }, cancellationToken);

    /// <summary>
    /// The price currencies of the products the catalog lists under <paramref name="skus"/>, in SKU order,
    /// read through the catalog's public read contract (<c>catalog-read</c>, which the façade may route to
    /// catalog-service). No key goes with these reads: they are a customer's reads, made for them, and
    /// the façade routes them for that customer by the baggage passed on. A SKU the catalog does not
    /// list, or a read that fails, is left out: the stock reservation stays the authority.
    /// </summary>
    public async Task<IReadOnlyList<string>> CatalogCurrenciesAsync(IEnumerable<string> skus, CancellationToken cancellationToken)
    {
        var currencies = new List<string>();
        foreach (var sku in skus.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            try
            {
                using var response = await http.GetAsync(new Uri(options.BaseUrl, "/api/catalog/products/by-sku/" + Uri.EscapeDataString(sku)), cancellationToken);
                if (response.IsSuccessStatusCode && await response.Content.ReadFromJsonAsync<CatalogProduct>(Json, cancellationToken) is { Price.Currency: { } currency })
                {
                    currencies.Add(currency);
                }
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested && exception is HttpRequestException or OperationCanceledException or JsonException)
            {
                // The reservation that follows answers for this SKU.
            }
        }

        return currencies.Distinct(StringComparer.Ordinal).ToList();
    }

    private sealed record CatalogProduct(Money Price);

    private async Task<Result<T>> SendAsync<T>(string path, object body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.BaseUrl, path)) { Content = JsonContent.Create(body, options: Json) };
        if (options.ApiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return (await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken))!;
            }

            return await RemoteProblem.ReadAsync(response, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && exception is HttpRequestException or OperationCanceledException)
        {
            return new Error(ErrorKind.Unavailable, "The monolith did not answer.",
                $"POST {path} at {options.BaseUrl} failed after {options.Retries + 1} attempt(s): {exception.Message}");
        }
    }
}
