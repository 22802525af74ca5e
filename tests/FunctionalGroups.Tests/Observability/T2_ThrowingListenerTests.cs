using System.Diagnostics;
using System.Diagnostics.Metrics;
using FunctionalGroups.Diagnostics;
using FunctionalGroups.Tests.Support;

// Every child here ends on the caller's thread: a listener's exception on a pool thread would end the test process.

namespace FunctionalGroups.Tests.Observability;

/// <summary>
/// A user's listener that throws in its callbacks (a buggy exporter, a sampler that throws) is the user's telemetry
/// failing, not a member failing: the group's guarantees (G1: every child ends and is waited for, the outcome is the
/// children's; G16: the caller's context, its current span included, is as it was) hold as with no listener.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class T2_ThrowingListenerTests
{
    static ActivityListener Listener(bool throwOnStart, bool throwOnStop, bool throwInSample = false)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == GroupTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) =>
                throwInSample ? throw new InvalidOperationException("sampler broke") : ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = _ => { if (throwOnStart) throw new InvalidOperationException("exporter broke on start"); },
            ActivityStopped = _ => { if (throwOnStop) throw new InvalidOperationException("exporter broke on stop"); },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    static Aff<GroupRuntime, int> Now(int value) => Prelude.SuccessAff<GroupRuntime, int>(value);

    [Fact]
    public async Task G1_a_listener_throwing_as_spans_stop_leaves_the_group_its_outcome()
    {
        using var _ = Listener(throwOnStart: false, throwOnStop: true);
        var values = (await Group.All(Now(1), Now(2), Now(3)).RunAsync()).Value();
        Assert.Equal(Prelude.Seq(1, 2, 3), values);
    }

    [Fact]
    public async Task G1_a_listener_throwing_as_spans_start_leaves_the_group_its_outcome()
    {
        using var _ = Listener(throwOnStart: true, throwOnStop: false);
        var values = (await Group.All(Now(1), Now(2), Now(3)).RunAsync()).Value();
        Assert.Equal(Prelude.Seq(1, 2, 3), values);
    }

    [Fact]
    public async Task G1_a_sampler_that_throws_leaves_the_group_its_outcome()
    {
        using var _ = Listener(throwOnStart: false, throwOnStop: false, throwInSample: true);
        var values = (await Group.All(Now(1), Now(2), Now(3)).RunAsync()).Value();
        Assert.Equal(Prelude.Seq(1, 2, 3), values);
    }

    [Fact]
    public async Task G1_a_scope_under_a_listener_throwing_as_spans_stop_keeps_its_outcome()
    {
        using var _ = Listener(throwOnStart: true, throwOnStop: true);
        var result = (await Group.Scope<int>(_ => Now(3)).RunAsync()).Value();
        Assert.Equal(3, result);
    }

    [Fact]
    public void G16_a_listener_throwing_as_spans_start_leaves_the_callers_current_span_as_it_was()
    {
        using var _ = Listener(throwOnStart: true, throwOnStop: false);
        var before = Activity.Current;
        var run = Group.All(Now(1), Now(2)).RunAsync();
        Assert.True(run.IsCompleted);
        Assert.Same(before, Activity.Current);
    }

    [Fact]
    public async Task G1_a_meter_listener_that_throws_leaves_the_group_its_outcome()
    {
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == GroupTelemetry.MeterName) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, _, _, _) => throw new InvalidOperationException("meter broke"));
        listener.SetMeasurementEventCallback<double>((_, _, _, _) => throw new InvalidOperationException("meter broke"));
        listener.Start();
        var values = (await Group.All(Now(1), Now(2), Now(3)).RunAsync()).Value();
        Assert.Equal(Prelude.Seq(1, 2, 3), values);
    }

    // After the fix: children that end on the thread pool too (before it, a listener's exception there ended the process).
    [Fact]
    public async Task G1_a_listener_throwing_everywhere_leaves_groups_ending_on_the_pool_their_outcomes()
    {
        using var _ = Listener(throwOnStart: true, throwOnStop: true);
        Assert.Equal(Prelude.Seq(1, 2, 3), (await Group.All(Kids.Ok(1), Kids.Ok(2), Kids.Ok(3)).RunAsync()).Value());
        var error = (await Group.All(Kids.Hangs(), Kids.Fails(new IOException("disk"))).RunAsync()).Group();
        Assert.Single(error.Errors);
        Assert.Equal(3, (await Group.Scope<int>(scope =>
            from handle in scope.Spawn(Kids.Ok(1))
            from value in handle.Join
            select value + 2).RunAsync()).Value());
    }
}
