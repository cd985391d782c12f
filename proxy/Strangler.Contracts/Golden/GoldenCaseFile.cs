using System.Text.Json;
using System.Text.Json.Serialization;

namespace Strangler.Contracts.Golden;

/// <summary>How golden cases are written and read: indented JSON, enums by name, one case per file.</summary>
public static class GoldenCaseFile
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Read by people and kept in git: quotes and '<' as themselves, not as \u0022.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The file a case is saved under: its capability and the mismatch it came from.</summary>
    public static string FileName(GoldenCase golden) => $"{golden.Capability}-mismatch-{golden.Source.Mismatch}.json";

    /// <summary>The case in <paramref name="path"/>, or an <see cref="InvalidDataException"/> naming the file and every problem with it.</summary>
    public static GoldenCase Read(string path)
    {
        GoldenCase? golden;
        try
        {
            golden = JsonSerializer.Deserialize<GoldenCase>(File.ReadAllText(path), Options);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{path} is not a golden case: {exception.Message.Split(" Path:")[0]} (at {exception.Path ?? "$"}).", exception);
        }

        var problems = golden is null ? ["the file holds null."] : golden.Problems();
        return problems.Count == 0 ? golden! : throw new InvalidDataException($"{path} is not a golden case it can run: {string.Join(" ", problems)}");
    }
}
