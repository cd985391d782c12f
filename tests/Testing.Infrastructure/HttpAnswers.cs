using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Testing.Infrastructure;

/// <summary>The checks every suite makes of an HTTP answer: its status with the body when it is not the one expected, and RFC 9457 problems.</summary>
public static class HttpAnswers
{
    /// <summary>The JSON body, once the status is <paramref name="expected"/> (else the body is the failure's message).</summary>
    public static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected} but got {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }

    /// <summary>An RFC 9457 answer: its media type, the status in it and a title, and for a 400 an error naming <paramref name="field"/> when given.</summary>
    public static async Task<JsonNode> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected, string? field = null)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ReadJsonAsync(response, expected);
        Assert.Equal((int)expected, (int)problem["status"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["title"]), $"A problem without a title: {problem.ToJsonString()}");
        if (field is not null)
        {
            Assert.True(problem["errors"]?[field] is not null, $"No error for '{field}' in {problem.ToJsonString()}");
        }

        return problem;
    }
}
