using Microsoft.AspNetCore.OpenApi;

namespace Strangler.ServiceDefaults.Hosting;

/// <summary>
/// Names a part's OpenAPI document after the part. By default the title is the entry assembly's name,
/// so the monolith and both services, hosted together by the sample's app host, all read
/// "Strangler.AppHost". Each host still calls <c>AddOpenApi</c> itself: the package's source generator
/// reads the XML comments of the assembly that makes that call.
/// </summary>
public static class OpenApiTitle
{
    public static void Set(OpenApiOptions options, string title, string description) =>
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = title;
            document.Info.Description = description;
            document.Info.Version = "v1";
            return Task.CompletedTask;
        });
}
