using System.Threading.Channels;

namespace Strangler.Facade.Shadowing;

/// <summary>
/// The bounded hand-over from requests to shadow workers. Offering never waits: when the queue is full
/// the copy is dropped. A bounded channel in DropWrite mode reports success even when it drops, so
/// drops are counted (and their bytes given back) in its itemDropped callback, not from TryWrite.
/// </summary>
internal sealed class ShadowQueue
{
    private readonly Channel<ShadowWork> _channel;

    public ShadowQueue(ShadowOptions options, ShadowStats stats, ShadowMemory memory)
    {
        _channel = Channel.CreateBounded<ShadowWork>(
            new BoundedChannelOptions(options.QueueCapacity) { FullMode = BoundedChannelFullMode.DropWrite },
            dropped =>
            {
                memory.Return(dropped.HeldBytes);
                stats.Dropped(dropped.Capability.Name, ShadowReasons.QueueFull);
            });
    }

    public ChannelReader<ShadowWork> Reader => _channel.Reader;

    public void Offer(ShadowWork work) => _channel.Writer.TryWrite(work);
}
