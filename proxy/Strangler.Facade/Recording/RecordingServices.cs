namespace Strangler.Facade.Recording;

internal static class RecordingServices
{
    /// <summary>The recorder on the request path and the one writer that puts its lines on disk.</summary>
    public static IServiceCollection AddRecording(this IServiceCollection services, RecordingOptions options) =>
        services.AddSingleton(options)
            .AddSingleton<Redaction>()
            .AddSingleton<RequestRecorder>()
            .AddHostedService<RecordingWriter>();
}
