using Npgsql;

namespace Strangler.Facade.Flags;

/// <summary>
/// On PostgreSQL, the push path beside the poll: every saved change is announced with
/// <c>pg_notify('strangler_flags', capability)</c> (<see cref="FlagStore"/>), and each replica
/// listens on a connection of its own and reads the states as soon as one arrives, so a switch
/// reaches every replica in milliseconds rather than within the poll interval. The poll stays the
/// safety net: a notification lost while this connection was down is picked up by the next poll,
/// and the listener reconnects after each poll interval until the store answers again.
/// </summary>
internal sealed class FlagStoreListener(CapabilityStates states, Persistence.FlagStoreOptions options, ILogger<FlagStoreListener> logger)
    : BackgroundService
{
    public const string Channel = "strangler_flags";

    private long _received;

    private volatile bool _listening;

    /// <summary>Notifications received since start (tests read it to tell the push path from the poll).</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>True while the subscription is open.</summary>
    public bool Listening => _listening;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(() => failing = false, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                _listening = false;
                if (!failing)
                {
                    logger.LogWarning("Not listening for flag changes ({Reason}); the poll every {Interval} carries them until the store answers again",
                        exception.GetBaseException().Message, options.PollInterval);
                    failing = true;
                }

                await Task.Delay(options.PollInterval, stoppingToken);
            }
        }
    }

    private async Task ListenAsync(Action listening, CancellationToken stoppingToken)
    {
        // Not pooled: this connection is the subscription, and keepalives notice a dead link.
        var connectionString = new NpgsqlConnectionStringBuilder(options.ConnectionString) { Pooling = false, KeepAlive = 15 }.ConnectionString;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(stoppingToken);
        var announced = 0;
        connection.Notification += (_, _) => Interlocked.Increment(ref announced);
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        _listening = true;
        listening();
        // A change saved while this replica was not listening is read now rather than at the next poll.
        await states.RefreshAsync(stoppingToken);
        while (true)
        {
            await connection.WaitAsync(stoppingToken);
            if (Interlocked.Exchange(ref announced, 0) > 0)
            {
                Interlocked.Increment(ref _received);
                await states.RefreshAsync(stoppingToken);
            }
        }
    }
}
