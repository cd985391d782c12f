using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Strangler.Cli.Reconcile;

/// <summary>
/// Applies to each finding the compensation recovery would have applied, through the legacy side's own
/// contracts, both idempotent: <c>POST /api/catalog/stock-reservations/{orderId}/release</c> and
/// <c>POST /api/payments/for-order/{orderId}/release</c>. A repair repeated, or racing recovery,
/// releases nothing twice.
/// </summary>
internal sealed class OrderRepairs(Uri legacy, string? key, TimeSpan timeout) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = legacy, Timeout = timeout };

    public static IReadOnlyList<(OrderFinding Finding, string Repair)> Plan(WholeOrderResult result) =>
        [.. result.Findings.Where(f => f.Repair is not null).Select(f => (f, f.Repair!))];

    public async Task<RepairOutcome> ApplyAsync(OrderFinding finding, string repair, CancellationToken cancellationToken)
    {
        using var request = repair switch
        {
            WholeOrderCheck.ReleaseStock => new HttpRequestMessage(HttpMethod.Post, $"/api/catalog/stock-reservations/{finding.OrderId}/release"),
            WholeOrderCheck.ReleasePayment => new HttpRequestMessage(HttpMethod.Post, $"/api/payments/for-order/{finding.OrderId}/release")
            {
                Content = JsonContent.Create(new { reason = $"strangler reconcile --repair: {finding.Kind}" }),
            },
            _ => throw new InvalidOperationException($"No repair called '{repair}'."),
        };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return new RepairOutcome(finding.OrderId, repair, true, null);
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return new RepairOutcome(finding.OrderId, repair, false, $"{request.RequestUri} answered {(int)response.StatusCode}: {(body.Length <= 300 ? body : body[..300] + "…")}");
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new RepairOutcome(finding.OrderId, repair, false, $"{legacy} could not be reached: {exception.Message}");
        }
    }

    public void Dispose() => _http.Dispose();
}
