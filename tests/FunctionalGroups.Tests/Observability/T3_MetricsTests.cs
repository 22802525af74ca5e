using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using FunctionalGroups.Diagnostics;
using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Observability;

/// <summary>Rule T3: the meter counts runs, children started, running, failed and cancelled, and times both.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class T3_MetricsTests : IDisposable
{
    readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> measured = new();
    readonly MeterListener listener = new();

    public T3_MetricsTests()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == GroupTelemetry.MeterName) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        listener.Start();
    }

    void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags) copy[tag.Key] = tag.Value;
        measured.Enqueue((instrument.Name, value, copy));
    }

    public void Dispose() => listener.Dispose();

    double Sum(string instrument, string? outcome = null) =>
        measured.Where(m => m.Instrument == instrument && (outcome is null || Equals(m.Tags.GetValueOrDefault(GroupTelemetry.Attributes.Outcome), outcome)))
            .Sum(m => m.Value);

    int Count(string instrument, string? outcome = null) =>
        measured.Count(m => m.Instrument == instrument && (outcome is null || Equals(m.Tags.GetValueOrDefault(GroupTelemetry.Attributes.Outcome), outcome)));

    [Fact]
    public async Task T3_a_failing_group_counts_its_children_by_outcome_and_running_returns_to_zero()
    {
        var started = Kids.Gate();
        var hangs = Child.FromTask(async ct =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
            return 0;
        });
        var third = Kids.Gate();
        var succeeds = Child.FromTask(async _ =>
        {
            third.TrySetResult();
            await PoolYield.Yield();
            return 3;
        });
        var fails = Child.FromTask<int>(async _ =>
        {
            await Task.WhenAll(started.Task, third.Task).ConfigureAwait(false);
            throw new InvalidOperationException("boom");
        });

        (await Group.All(hangs, fails, succeeds).RunAsync()).Group();

        Assert.Equal(1, Sum(GroupTelemetry.Instruments.GroupRuns));
        Assert.All(measured.Where(m => m.Instrument == GroupTelemetry.Instruments.GroupRuns),
            m => Assert.Equal("All", m.Tags[GroupTelemetry.Attributes.Policy]));
        Assert.Equal(3, Sum(GroupTelemetry.Instruments.ChildrenStarted));
        Assert.Equal(0, Sum(GroupTelemetry.Instruments.ChildrenActive));
        Assert.Equal(6, Count(GroupTelemetry.Instruments.ChildrenActive));
        Assert.Equal(1, Sum(GroupTelemetry.Instruments.ChildFailures));
        Assert.Equal(1, Count(GroupTelemetry.Instruments.ChildDuration, "failed"));
        Assert.Equal(1, Count(GroupTelemetry.Instruments.ChildDuration, "cancelled"));
        Assert.Equal(3, Count(GroupTelemetry.Instruments.ChildDuration));
        Assert.Equal(1, Count(GroupTelemetry.Instruments.GroupDuration, "failed"));
        Assert.Equal(1, Sum(GroupTelemetry.Instruments.ChildCancellations));
        Assert.True(measured.Where(m => m.Instrument.EndsWith("duration", StringComparison.Ordinal)).All(m => m.Value >= 0));
    }

    [Fact]
    public async Task T3_children_that_never_started_are_not_counted_as_started()
    {
        var fails = Child.FromTask<int>(_ => throw new InvalidOperationException("at once"));
        (await Group.All(Prelude.Seq(fails, Kids.Ok(1), Kids.Ok(2)), GroupOptions.Default with { MaxParallelism = 1 }).RunAsync()).Group();

        Assert.Equal(1, Sum(GroupTelemetry.Instruments.ChildrenStarted));
        Assert.Equal(0, Sum(GroupTelemetry.Instruments.ChildrenActive));
        Assert.Equal(1, Sum(GroupTelemetry.Instruments.ChildFailures));
        Assert.Equal(0, Sum(GroupTelemetry.Instruments.ChildCancellations));
    }

    [Fact]
    public async Task T3_a_scope_counts_its_body_and_spawned_children()
    {
        var fin = await Group.Scope<int>(scope => ScopeKit.Body(async ct =>
        {
            var a = scope.SpawnOrThrow(Kids.Ok(1));
            var b = scope.SpawnOrThrow(Kids.Ok(2));
            return (await a.Join.RunAsync(ct)).Value() + (await b.Join.RunAsync(ct)).Value();
        })).RunAsync();
        Assert.Equal(3, fin.Value());

        Assert.Equal(3, Sum(GroupTelemetry.Instruments.ChildrenStarted));
        Assert.Equal(0, Sum(GroupTelemetry.Instruments.ChildrenActive));
        Assert.Equal(1, Count(GroupTelemetry.Instruments.GroupDuration, "succeeded"));
        Assert.All(measured.Where(m => m.Instrument == GroupTelemetry.Instruments.GroupRuns),
            m => Assert.Equal("Scope", m.Tags[GroupTelemetry.Attributes.Policy]));
    }
}
