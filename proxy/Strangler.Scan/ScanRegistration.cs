using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Strangler.Scan;

/// <summary>The one line a monolith adds, after its DbContexts are registered.</summary>
public static class ScanRegistration
{
    private static readonly MethodInfo ConfigureDbContext = typeof(ScanRegistration).GetMethod(nameof(Attach), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>
    /// Records which endpoint reads and writes which table, for every DbContext registered so far:
    /// <c>builder.Services.AddStranglerScan(builder.Configuration, builder.Environment);</c>
    /// </summary>
    public static IServiceCollection AddStranglerScan(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = ScanOptions.FromConfiguration(configuration, environment.ContentRootPath, environment.ApplicationName);
        services.AddHttpContextAccessor();
        services.AddSingleton(options);
        services.AddSingleton<ScanRecorder>();
        services.AddSingleton<ScanInterceptor>();
        services.AddHostedService<ScanSaver>();
        var contexts = services
            .Where(d => d.ServiceType.IsGenericType && d.ServiceType.GetGenericTypeDefinition() == typeof(DbContextOptions<>))
            .Select(d => d.ServiceType.GetGenericArguments()[0])
            .Distinct()
            .ToList();
        if (contexts.Count == 0)
        {
            throw new InvalidOperationException("AddStranglerScan found no DbContext to watch: call it after the AddDbContext calls.");
        }

        foreach (var context in contexts)
        {
            ConfigureDbContext.MakeGenericMethod(context).Invoke(null, [services]);
        }

        return services;
    }

    /// <summary>
    /// <c>GET /strangler-scan</c> (with the authorization policy given, if any): this run's recording so
    /// far, for <c>strangler scan report --from</c>.
    /// </summary>
    public static IEndpointConventionBuilder MapStranglerScan(this IEndpointRouteBuilder endpoints, string pattern = "/strangler-scan") =>
        endpoints.MapGet(pattern, (ScanRecorder recorder) => TypedResults.Json(recorder.Snapshot(), ScanJson.Options))
            .ExcludeFromDescription();

    private static void Attach<TContext>(IServiceCollection services)
        where TContext : DbContext =>
        services.ConfigureDbContext<TContext>((provider, options) => options.AddInterceptors(provider.GetRequiredService<ScanInterceptor>()));
}
