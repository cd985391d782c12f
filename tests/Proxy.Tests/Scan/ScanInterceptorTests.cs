using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Strangler.Scan;
using Testing.Infrastructure;

namespace Proxy.Tests.Scan;

/// <summary>
/// One line after the DbContext registrations puts the interceptor on every context: each command a
/// real SQLite database runs carries a comment naming its endpoint, and its tables are recorded.
/// </summary>
public sealed class ScanInterceptorTests
{
    private sealed class Shelf
    {
        public int Id { get; set; }

        public string Name { get; set; } = "";
    }

    private sealed class ShelfContext(DbContextOptions<ShelfContext> options) : DbContext(options)
    {
        public DbSet<Shelf> Shelves => Set<Shelf>();
    }

    /// <summary>Keeps the text of each command as the database received it.</summary>
    private sealed class Sent : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        public List<string> Commands { get; } = [];

        public override ValueTask<System.Data.Common.DbDataReader> ReaderExecutedAsync(
            System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData eventData, System.Data.Common.DbDataReader result, CancellationToken cancellationToken = default)
        {
            lock (Commands)
            {
                Commands.Add(command.CommandText);
            }

            return ValueTask.FromResult(result);
        }
    }

    private sealed class Environment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Development";

        public string ApplicationName { get; set; } = "shelf-host";

        public string ContentRootPath { get; set; } = root;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    [Fact]
    public async Task Every_command_is_tagged_with_its_endpoint_and_its_tables_recorded()
    {
        var folder = TestRun.TempFolder("scan-interceptor");
        var sent = new Sent();
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddDbContext<ShelfContext>(options => options.UseSqlite($"Data Source={Path.Combine(folder, "shelves.db")}"));
        services.AddStranglerScan(new ConfigurationBuilder().Build(), new Environment(folder));
        services.ConfigureDbContext<ShelfContext>(options => options.AddInterceptors(sent));
        await using var provider = services.BuildServiceProvider();

        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.SetEndpoint(new Microsoft.AspNetCore.Routing.RouteEndpoint(
            _ => Task.CompletedTask, Microsoft.AspNetCore.Routing.Patterns.RoutePatternFactory.Parse("/api/shelves/"), 0, null, "shelves"));
        provider.GetRequiredService<IHttpContextAccessor>().HttpContext = context;
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShelfContext>();
            await db.Database.EnsureCreatedAsync();
            db.Shelves.Add(new Shelf { Name = "top" });
            await db.SaveChangesAsync();
            Assert.Equal(1, await db.Shelves.CountAsync());
        }

        Assert.Contains(sent.Commands, text => text.StartsWith("-- strangler-scan: POST /api/shelves\nINSERT INTO", StringComparison.Ordinal));
        Assert.Contains(sent.Commands, text => text.StartsWith("-- strangler-scan: POST /api/shelves\nSELECT COUNT(*)", StringComparison.Ordinal));
        var recording = provider.GetRequiredService<ScanRecorder>().Snapshot();
        Assert.Equal("shelf-host", recording.Host);
        Assert.Contains(recording.Accesses, a => a is { Endpoint: "POST /api/shelves", Table: "shelves.Shelves", Access: "write" });
        Assert.Contains(recording.Accesses, a => a is { Endpoint: "POST /api/shelves", Table: "shelves.Shelves", Access: "read" });
    }

    [Fact]
    public void Called_before_any_DbContext_it_says_so()
    {
        var services = new ServiceCollection();
        var refusal = Assert.Throws<InvalidOperationException>(() => services.AddStranglerScan(new ConfigurationBuilder().Build(), new Environment(TestRun.TempFolder("scan-none"))));
        Assert.Contains("after the AddDbContext calls", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_save_interval_is_refused_at_start_naming_the_key()
    {
        var services = new ServiceCollection();
        services.AddDbContext<ShelfContext>(options => options.UseSqlite("Data Source=:memory:"));
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["StranglerScan:SaveInterval"] = "soon" }).Build();
        var refusal = Assert.Throws<InvalidOperationException>(() => services.AddStranglerScan(settings, new Environment(TestRun.TempFolder("scan-bad"))));
        Assert.Contains("StranglerScan:SaveInterval", refusal.Message, StringComparison.Ordinal);
    }
}
