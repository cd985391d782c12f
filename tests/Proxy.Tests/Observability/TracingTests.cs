using System.Collections.Concurrent;
using System.Diagnostics;
using Proxy.Tests.Fixtures;
using Strangler.Contracts;
using Testing.Infrastructure.Servers;

namespace Proxy.Tests.Observability;

/// <summary>One request through the façade to the real monolith is one trace, and every hop of it carries the correlation id.</summary>
[Collection(ShopBehindFacade.Name)]
public sealed class TracingTests(FacadeFixture fixture) : FacadeTests(fixture)
{
    [Fact]
    public async Task The_facade_and_the_monolith_record_one_trace_tagged_with_the_correlation_id()
    {
        var correlationId = "trace-test-" + Guid.NewGuid().ToString("N");
        var seen = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem(StranglerTracing.CorrelationTag) as string == correlationId)
                {
                    seen.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/catalog/categories");
        request.Headers.Add(StranglerHeaders.CorrelationId, correlationId);
        (await Facade.Client.SendAsync(request)).EnsureSuccessStatusCode();

        Assert.True(await Eventually.TrueWithinAsync(Eventually.Generous, () => Task.FromResult(seen.Count >= 2)),
            $"Expected the façade's and the monolith's request spans tagged {correlationId}; saw {seen.Count}.");
        var spans = seen.ToArray();
        Assert.Single(spans.Select(span => span.TraceId).Distinct());
        Assert.Contains(spans, span => span.ParentSpanId != default); // the monolith's span continues the façade's
    }

    [Fact]
    public async Task Without_an_exporter_no_request_starts_a_trace_on_the_way_to_the_backend()
    {
        // With no OTLP endpoint nothing records spans, so none is started: the backend gets no
        // traceparent, which the façade would only write for an Activity of its own.
        await Facade.SetAsync(FacadeFixture.CatalogRead, new CapabilityChange(CapabilityMode.Service));
        StandIn.ReceivedHeaders.Clear();

        Assert.Equal(FacadeFixture.StandInName, await ServedByAsync("/api/catalog/categories"));

        var received = Assert.Single(StandIn.ReceivedHeaders);
        Assert.False(received.ContainsKey("traceparent"), "The backend got a traceparent: " + received.GetValueOrDefault("traceparent"));
        Assert.True(received.ContainsKey(StranglerHeaders.CorrelationId));
    }
}
