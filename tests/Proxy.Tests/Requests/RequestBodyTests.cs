using System.Runtime.InteropServices;
using System.Text;
using Microsoft.AspNetCore.Http;
using Strangler.Facade.Requests;

namespace Proxy.Tests.Requests;

/// <summary>
/// A request body that is both recorded and copied to the other side is read and held once: the second
/// step gets the bytes the first read, and the stream is left at its start for the forwarder.
/// </summary>
public sealed class RequestBodyTests
{
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"sku\":\"SKU-00001\"},", 3_000)));

    [Fact]
    public async Task Recording_and_the_shadow_tap_share_one_copy_of_the_body()
    {
        var context = RequestWith(Payload);
        var budget = new Budget(1 << 20);

        var recorded = await RequestBody.ReadAsync(context, 1 << 20);
        var shadowed = await RequestBody.ReadAsync(context, 1 << 20, budget);

        Assert.Equal(Payload, recorded!.Value.ToArray());
        Assert.Equal(Payload, shadowed.Body.ToArray());
        Assert.Same(ArrayOf(recorded.Value), ArrayOf(shadowed.Body));
        Assert.Equal(Payload.Length, shadowed.Held);
        Assert.Equal(Payload.Length, budget.Taken);
        Assert.Equal(0, context.Request.Body.Position);
    }

    [Fact]
    public async Task A_body_over_the_first_readers_limit_is_read_again_for_a_reader_with_room_for_it()
    {
        var context = RequestWithoutLength(Payload);

        var recorded = await RequestBody.ReadAsync(context, Payload.Length / 2);
        var shadowed = await RequestBody.ReadAsync(context, Payload.Length * 2, new Budget(1 << 20));

        Assert.Null(recorded);
        Assert.Equal(BodyRefusal.None, shadowed.NotKeptBecause);
        Assert.Equal(Payload, shadowed.Body.ToArray());
        Assert.Equal(0, context.Request.Body.Position);
    }

    [Fact]
    public async Task A_body_over_the_limit_or_the_budget_is_not_kept_and_holds_nothing()
    {
        var overLimit = await RequestBody.ReadAsync(RequestWithoutLength(Payload), Payload.Length - 1, new Budget(1 << 20));
        var budget = new Budget(Payload.Length - 1);
        var noRoom = await RequestBody.ReadAsync(RequestWithoutLength(Payload), 1 << 20, budget);

        Assert.Equal(BodyRefusal.OverLimit, overLimit.NotKeptBecause);
        Assert.Equal(BodyRefusal.NoRoom, noRoom.NotKeptBecause);
        Assert.Equal(0, budget.Taken);
    }

    [Fact]
    public async Task A_body_already_read_is_charged_to_a_budget_that_has_no_room_for_it_as_no_room()
    {
        var context = RequestWith(Payload);
        await RequestBody.ReadAsync(context, 1 << 20);
        var budget = new Budget(10);

        var shadowed = await RequestBody.ReadAsync(context, 1 << 20, budget);

        Assert.Equal(BodyRefusal.NoRoom, shadowed.NotKeptBecause);
        Assert.Equal(0, budget.Taken);
    }

    private static DefaultHttpContext RequestWith(byte[] body)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = body.Length;
        return context;
    }

    private static DefaultHttpContext RequestWithoutLength(byte[] body)
    {
        var context = RequestWith(body);
        context.Request.ContentLength = null;
        context.Request.Headers.TransferEncoding = "chunked";
        return context;
    }

    private static byte[] ArrayOf(ReadOnlyMemory<byte> memory) =>
        MemoryMarshal.TryGetArray(memory, out var segment) ? segment.Array! : throw new InvalidOperationException("Not backed by an array.");

    private sealed class Budget(long limit) : IBodyBudget
    {
        public long Taken { get; private set; }

        public bool TryTake(long bytes)
        {
            if (Taken + bytes > limit)
            {
                return false;
            }

            Taken += bytes;
            return true;
        }

        public void Return(long bytes) => Taken -= bytes;
    }
}
