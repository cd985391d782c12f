using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Strangler.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Hosting;
using Testing.Infrastructure.Servers;

namespace Proxy.Tests.ServiceDefaults;

/// <summary>
/// A host whose port is taken stops as a host stops: its background work, already running when the
/// server fails to bind, ends quietly instead of being reported as a fault with a stack trace.
/// </summary>
public sealed class HostStartTests
{
    [Fact]
    public async Task A_taken_port_stops_background_work_without_reporting_it_as_a_fault()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var logs = new Captured();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders().AddProvider(logs);
        var waiting = new Waiting();
        builder.Services.AddSingleton(waiting).AddHostedService<WaitsBetweenRounds>();
        var app = builder.Build();
        var error = new StringWriter();

        var started = await HostStart.TryStartAsync(app, "sample", error).WaitAsync(Eventually.Generous);
        await app.DisposeAsync();

        Assert.False(started);
        Assert.StartsWith($"sample: Failed to bind to address http://127.0.0.1:{port}", error.ToString(), StringComparison.Ordinal);
        Assert.True(waiting.Ended.Task.IsCompleted, "the background work was left running");
        // The bind failure itself is the one line above; the hosts' logging drops its events.
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error && !(e.Exception is { } failure && AddressInUse.Is(failure)));
    }

    private sealed class Waiting
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Work as the shop's sweeps do it: a round, then a wait that only stopping ends.</summary>
    private sealed class WaitsBetweenRounds(Waiting waiting) : BackgroundService
    {
        // .NET runs ExecuteAsync on the thread pool; the host goes on to bind the server only once the
        // work is under way, so the bind always fails with the work waiting, however busy the machine.
        public override async Task StartAsync(CancellationToken cancellationToken)
        {
            await base.StartAsync(cancellationToken);
            await waiting.Entered.Task.WaitAsync(cancellationToken);
        }

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            try
            {
                waiting.Entered.TrySetResult();
                await Task.Delay(Timeout.InfiniteTimeSpan, stoppingToken);
            }
            finally
            {
                waiting.Ended.TrySetResult();
            }
        }
    }

    private sealed class Captured : ILoggerProvider
    {
        public ConcurrentQueue<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(Captured owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Entries.Enqueue((logLevel, formatter(state, exception), exception));
        }
    }
}
