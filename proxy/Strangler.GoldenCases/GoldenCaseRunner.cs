using System.Net.Http.Headers;
using Strangler.Comparison;
using Strangler.Contracts;
using Strangler.Contracts.Golden;

namespace Strangler.GoldenCases;

/// <summary>
/// Sends a golden case's request to a service and compares its answer with the legacy answer the case
/// holds, by the case's own rules: the same comparer, so the same differences the façade found.
/// </summary>
public static class GoldenCaseRunner
{
    /// <param name="golden">The case.</param>
    /// <param name="service">A client whose base address is the service side.</param>
    /// <param name="settings">The dry-run secret (for a write shadowed as a dry run) and the token for a redacted Authorization.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    public static async Task<GoldenRun> RunAsync(GoldenCase golden, HttpClient service, GoldenCaseSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(golden);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(settings);
        using var request = RequestOf(golden, settings);
        using var response = await service.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (golden.Request.DryRun && !DryRunAcknowledgement.IsIn(response, request, settings.DryRunSecret!))
        {
            throw new InvalidOperationException(
                $"{golden.Name}: the service answered the dry run without acknowledging it ({StranglerHeaders.DryRunAcknowledgement}); it may have written for real. Is STRANGLER_GOLDEN_DRY_RUN_SECRET its DryRun:Secret?");
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(header => header.Key, header => string.Join(", ", header.Value), StringComparer.OrdinalIgnoreCase);
        var actual = new CapturedResponse((int)response.StatusCode, headers, response.Content.Headers.ContentType?.ToString(), body, body.Length);
        var expected = CapturedResponse.Of(golden.Expected.Status, golden.Expected.ContentType, golden.Expected.Text, golden.Expected.Headers);
        return new GoldenRun(golden, new ResponseComparer(golden.Rules).Compare(expected, actual), actual);
    }

    private static HttpRequestMessage RequestOf(GoldenCase golden, GoldenCaseSettings settings)
    {
        var request = new HttpRequestMessage(new HttpMethod(golden.Request.Method), golden.Request.Target.TrimStart('/'));
        if (golden.Request.Body is { } text)
        {
            request.Content = new StringContent(text);
            request.Content.Headers.ContentType = null;
        }
        else if (golden.Request.BodyBase64 is { } base64)
        {
            request.Content = new ByteArrayContent(Convert.FromBase64String(base64));
        }

        foreach (var (name, value) in golden.Request.Headers)
        {
            if (value == GoldenRequest.Redacted || name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        if (golden.Request.Headers.TryGetValue("Authorization", out var authorization) && authorization == GoldenRequest.Redacted && settings.Token is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (golden.Request.DryRun)
        {
            if (settings.DryRunSecret is null)
            {
                throw new InvalidOperationException(
                    $"{golden.Name} is a write the façade shadowed as a dry run; it runs only as a dry run. Give the service's dry-run secret (STRANGLER_GOLDEN_DRY_RUN_SECRET).");
            }

            request.Headers.TryAddWithoutValidation(StranglerHeaders.DryRun, settings.DryRunSecret);
            request.Headers.TryAddWithoutValidation(StranglerHeaders.CorrelationId, "golden-" + golden.Source.Mismatch.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return request;
    }
}

/// <summary>One run of a case: what the comparison found, and the service's answer.</summary>
public sealed record GoldenRun(GoldenCase Case, ComparisonResult Result, CapturedResponse Actual);
