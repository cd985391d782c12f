using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Features;
using Strangler.Contracts;

namespace Strangler.Facade.Admin;

/// <summary>
/// Reads a <see cref="CapabilityChange"/> from a request body and checks every field, collecting all
/// problems so one answer names them all. Unknown JSON properties are refused: a misspelt
/// "percent" must not look like a successful change. So are a property given twice (which of the
/// two would count?) and a mode that is not exactly one of the names.
/// </summary>
internal static class ChangeReader
{
    public const int MaxTargets = 1000;
    public const int MaxTargetLength = 128;
    public const int MaxReasonLength = 500;
    public const int MaxBodyBytes = 256 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new ExactNameConverter<CapabilityMode>(), new JsonStringEnumConverter(allowIntegerValues: false) },
        AllowDuplicateProperties = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>The change, or the problems with it by field name (a JSON error is reported under "$").</summary>
    public static async Task<(CapabilityChange? Change, Dictionary<string, string[]> Errors)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.ContentType is null || !request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            errors["$"] = ["Send the change as JSON with 'Content-Type: application/json'."];
            return (null, errors);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        CapabilityChange? change;
        try
        {
            change = await JsonSerializer.DeserializeAsync<CapabilityChange>(request.Body, Json, cancellationToken);
        }
        catch (JsonException exception)
        {
            errors[exception.Path ?? "$"] = [Describe(exception)];
            return (null, errors);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            errors["$"] = [$"The body is larger than {MaxBodyBytes / 1024} KiB."];
            return (null, errors);
        }

        if (change is null)
        {
            errors["$"] = ["The body must be a JSON object, e.g. {\"mode\":\"Canary\",\"percentage\":10,\"reason\":\"first canary\"}."];
            return (null, errors);
        }

        Check(change, errors);
        return (errors.Count == 0 ? change : null, errors);
    }

    private static void Check(CapabilityChange change, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(change.Reason))
        {
            errors["reason"] = ["A reason is required: every change is audited."];
        }
        else if (change.Reason.Length > MaxReasonLength)
        {
            errors["reason"] = [$"At most {MaxReasonLength} characters."];
        }

        if (change.Percentage is { } percentage && (!double.IsFinite(percentage) || percentage is < 0 or > 100))
        {
            errors["percentage"] = [$"Must be from 0 to 100; got {percentage}."];
        }

        CheckTargets("users", change.Users, errors);
        CheckTargets("groups", change.Groups, errors);
        if (change.ExpectedVersion is < 0)
        {
            errors["expectedVersion"] = ["Must be 0 or more."];
        }

        if (change is { Mode: null, Percentage: null, Users: null, Groups: null })
        {
            errors["$"] = ["Nothing to change: give at least one of mode, percentage, users or groups."];
        }
    }

    private static void CheckTargets(string field, IReadOnlyList<string>? targets, Dictionary<string, string[]> errors)
    {
        if (targets is null)
        {
            return;
        }

        var problems = new List<string>();
        if (targets.Count > MaxTargets)
        {
            problems.Add($"At most {MaxTargets} entries; got {targets.Count}.");
        }

        for (var i = 0; i < targets.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(targets[i]) || targets[i].Length > MaxTargetLength || targets[i] != targets[i].Trim())
            {
                problems.Add($"Entry {i} must be 1 to {MaxTargetLength} characters without surrounding spaces.");
            }
        }

        if (targets.Distinct(StringComparer.Ordinal).Count() != targets.Count)
        {
            problems.Add("Entries must not repeat.");
        }

        if (problems.Count > 0)
        {
            errors[field] = [.. problems];
        }
    }

    private static string Describe(JsonException exception)
    {
        // System.Text.Json's message names the path and the expected type; the position is noise here.
        var message = exception.Message;
        var cut = message.IndexOf(" LineNumber", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd(' ', '|', '.') + ".";
    }
}
