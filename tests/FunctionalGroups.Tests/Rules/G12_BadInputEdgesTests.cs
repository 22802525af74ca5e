using FunctionalGroups.Tests.Support;
using LanguageExt.Effects.Traits;
using Microsoft.Extensions.Time.Testing;

namespace FunctionalGroups.Tests.Rules;

/// <summary>
/// G12 edges: a timeout the timer cannot take and a parallelism limit below 1 are refused when the options are made;
/// a clock that throws when the group starts its timer is a failure of the group (not a crash), and nothing made by
/// then is left behind (the parent link and the group's cancellation source are disposed).
/// (The F# face's refusal of <c>MaxParallelism = Some 0</c> is in FunctionalGroups.FSharp.Tests/PolicyTests.fs.)
/// </summary>
public class G12_BadInputEdgesTests
{
    [Fact]
    public void G12_a_timeout_the_timer_cannot_take_is_refused_when_the_options_are_made()
    {
        Assert.Throws<ArgumentOutOfRangeException>("Timeout", () => GroupOptions.Default with { Timeout = TimeSpan.MaxValue });
        Assert.Throws<ArgumentOutOfRangeException>("Timeout", () => GroupOptions.Default with { Timeout = GroupOptions.MaxTimeout + TimeSpan.FromMilliseconds(1) });
        Assert.Throws<ArgumentOutOfRangeException>("Timeout", () => GroupOptions.Default with { Timeout = Timeout.InfiniteTimeSpan });
        Assert.Throws<ArgumentOutOfRangeException>("Timeout", () => GroupOptions.Default with { Timeout = TimeSpan.MinValue });
        Assert.Throws<ArgumentOutOfRangeException>("Timeout", () => GroupOptions.Default with { Timeout = -TimeSpan.FromTicks(1) });
    }

    [Fact]
    public void G12_the_longest_timeout_and_zero_are_accepted_and_null_is_none()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(uint.MaxValue - 1.0), GroupOptions.MaxTimeout);
        Assert.Equal(GroupOptions.MaxTimeout, (GroupOptions.Default with { Timeout = GroupOptions.MaxTimeout }).Timeout);
        Assert.Equal(TimeSpan.Zero, (GroupOptions.Default with { Timeout = TimeSpan.Zero }).Timeout);
        Assert.Null(GroupOptions.Default.Timeout);
        Assert.Null((GroupOptions.Default with { Timeout = TimeSpan.FromSeconds(1) } with { Timeout = null }).Timeout);
    }

    [Fact]
    public async Task G12_a_group_with_the_longest_timeout_runs_on_the_system_clock_and_on_a_fake_one()
    {
        var longest = GroupOptions.Default with { Timeout = GroupOptions.MaxTimeout };
        Assert.Equal(new[] { 1, 2 }, (await Group.All(Seq.create(Kids.Ok(1), Kids.Ok(2)), longest).RunAsync()).Value());

        var clock = new FakeTimeProvider();
        var running = Group.All(Seq.create(Kids.Hangs()), longest with { TimeProvider = clock }).RunAsync().AsTask();
        clock.Advance(GroupOptions.MaxTimeout - TimeSpan.FromMilliseconds(1));
        Assert.False(running.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True((await running).Error().Is(Errors.TimedOut));
    }

    [Fact]
    public void G12_a_parallelism_limit_below_one_is_refused_and_null_is_no_limit()
    {
        Assert.Throws<ArgumentOutOfRangeException>("MaxParallelism", () => GroupOptions.Default with { MaxParallelism = 0 });
        Assert.Throws<ArgumentOutOfRangeException>("MaxParallelism", () => GroupOptions.Default with { MaxParallelism = -1 });
        Assert.Null((GroupOptions.Default with { MaxParallelism = null }).MaxParallelism);
        Assert.Equal(int.MaxValue, (GroupOptions.Default with { MaxParallelism = int.MaxValue }).MaxParallelism);
    }

    [Fact]
    public async Task G12_no_limit_runs_every_child_at_once()
    {
        // With MaxParallelism null, all children are running together: each waits for all the others to have started.
        const int count = 16;
        var started = 0;
        var all = Kids.Gate();
        var children = Enumerable.Range(0, count).Select(i => Child.FromTask(async _ =>
        {
            if (Interlocked.Increment(ref started) == count) all.SetResult();
            await all.Task.ConfigureAwait(false);
            return i;
        })).ToSeq();
        var values = (await Group.All(children, GroupOptions.Default with { MaxParallelism = null }).RunAsync()).Value();
        Assert.Equal(Enumerable.Range(0, count), values);
    }

    sealed class ThrowingClock(Exception error) : TimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => throw error;
    }

    [Fact]
    public async Task G12_a_clock_that_throws_is_a_failure_of_the_group_and_the_parent_link_is_gone()
    {
        for (var round = 0; round < 50; round++)
        {
            var clockError = new InvalidOperationException("clock");
            var options = GroupOptions.Default with { Timeout = TimeSpan.FromSeconds(1), TimeProvider = new ThrowingClock(clockError) };
            var probe = new Probe();
            using var cts = new CancellationTokenSource();
            var fin = await Group.All(Seq.create(Kids.Ok(1, probe), Kids.Hangs(probe)), options).RunAsync(cts.Token);
            Assert.Same(clockError, fin.Error().ToException());
            Assert.Equal(0, probe.Started);
            // The link to the parent was disposed on the early exit: cancelling the parent now reaches nothing of the
            // group (a live link would cancel its disposed source and throw out of Cancel).
            cts.Cancel();
            Assert.Same(clockError, fin.Error().ToException());
        }
    }

    [Fact]
    public async Task G12_a_clock_that_throws_fails_Traverse_Settle_Race_and_Scope_alike()
    {
        var clockError = new InvalidOperationException("clock");
        var options = GroupOptions.Default with { Timeout = TimeSpan.FromSeconds(1), TimeProvider = new ThrowingClock(clockError) };
        var probe = new Probe();
        using var cts = new CancellationTokenSource();
        Assert.Same(clockError, (await Group.Traverse(new[] { 1, 2 }, i => Kids.Ok(i, probe), options).RunAsync(cts.Token)).Error().ToException());
        Assert.Same(clockError, (await Group.Settle(Seq.create(Kids.Ok(1, probe)), options).RunAsync(cts.Token)).Error().ToException());
        Assert.Same(clockError, (await Group.Race(Seq.create(Kids.Ok(1, probe)), options).RunAsync(cts.Token)).Error().ToException());
        var scope = Group.Scope<int>(s => from a in s.Spawn(Kids.Ok(1, probe)) from x in a.Join select x, options);
        Assert.Same(clockError, (await scope.RunAsync(cts.Token)).Error().ToException());
        Assert.Equal(0, probe.Started);
        cts.Cancel();
    }

    /// <summary>A runtime that keeps every cancellation source its <c>LocalCancel</c> made, to see them disposed.</summary>
    readonly struct TrackingRuntime(CancellationTokenSource source, List<CancellationTokenSource> made) : HasCancel<TrackingRuntime>
    {
        public TrackingRuntime LocalCancel
        {
            get
            {
                var local = new CancellationTokenSource();
                lock (made) made.Add(local);
                return new TrackingRuntime(local, made);
            }
        }

        public CancellationToken CancellationToken => source.Token;
        public CancellationTokenSource CancellationTokenSource => source;
    }

    [Fact]
    public async Task G12_a_clock_that_throws_leaves_the_groups_cancellation_source_disposed()
    {
        var clockError = new InvalidOperationException("clock");
        var options = GroupOptions.Default with { Timeout = TimeSpan.FromSeconds(1), TimeProvider = new ThrowingClock(clockError) };
        using var parent = new CancellationTokenSource();
        var made = new List<CancellationTokenSource>();
        var started = 0;
        var child = Aff<TrackingRuntime, int>.Effect(_ =>
        {
            Interlocked.Increment(ref started);
            return ValueTask.FromResult(1);
        });
        var fin = await Group.All(Seq.create(child, child), options).Run(new TrackingRuntime(parent, made));
        Assert.Same(clockError, fin.Error().ToException());
        Assert.Equal(0, started);
        var local = Assert.Single(made);
        Assert.Throws<ObjectDisposedException>(() => local.Token);
        parent.Cancel();   // the parent link is gone: nothing of the group runs, nothing throws
    }
}
