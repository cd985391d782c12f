namespace Strangler.Facade.Shadowing;

/// <summary>
/// The bytes held by copies from the moment their body is read until their outcome is counted:
/// request bodies and captured primary answers. A copy takes its bytes before holding them and gives
/// them back once done; when taking would pass <see cref="ShadowOptions.MaxQueuedBytes"/> the copy is
/// dropped instead, so a flood of large bodies cannot grow the façade past that bound.
/// </summary>
internal sealed class ShadowMemory(ShadowOptions options)
{
    private long _held;

    public long Held => Interlocked.Read(ref _held);

    public bool TryTake(long bytes)
    {
        var held = Interlocked.Read(ref _held);
        while (true)
        {
            if (held + bytes > options.MaxQueuedBytes)
            {
                return false;
            }

            var seen = Interlocked.CompareExchange(ref _held, held + bytes, held);
            if (seen == held)
            {
                return true;
            }

            held = seen;
        }
    }

    public void Return(long bytes)
    {
        if (bytes > 0)
        {
            Interlocked.Add(ref _held, -bytes);
        }
    }
}
