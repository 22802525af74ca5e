using FunctionalGroups.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace FunctionalGroups.Tests.Policies;

public class OptionsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(16)]
    public async Task MaxParallelism_never_runs_more_children_at_once_and_keeps_child_order(int limit)
    {
        var meter = new PeakMeter();
        var options = GroupOptions.Default with { MaxParallelism = limit };
        var values = (await Group.All(Enumerable.Range(0, 100).Select(i => meter.Counted(i, yields: 2)), options).RunAsync()).Value();
        Assert.Equal(Enumerable.Range(0, 100), values);
        Assert.InRange(meter.Peak, 1, limit);
        Assert.Equal(0, meter.Live);
    }

    [Fact]
    public async Task MaxParallelism_starts_no_child_once_the_group_is_failing()
    {
        var later = new Probe();
        // The first child holds its slot until the group has failed; the second fails as it starts; none of the
        // other 48 may ever start.
        var release = Kids.Gate();
        var holdsSlot = Kids.IgnoresCancellation(release.Task, 0);
        var failsAtOnce = Child.FromTask<int>(_ => throw new TimeoutException());
        var children = Enumerable.Range(0, 50).Select(i => i switch { 0 => holdsSlot, 1 => failsAtOnce, _ => Kids.Ok(i, later) });
        var running = Group.All(children, GroupOptions.Default with { MaxParallelism = 2 }).RunAsync().AsTask();
        release.SetResult();
        var fin = await running;
        Assert.Single(fin.Group().Errors);
        Assert.Equal(0, later.Started);
    }

    [Fact]
    public async Task MaxParallelism_of_synchronous_children_does_not_recurse()
    {
        var children = Enumerable.Range(0, 100_000).Select(i => Aff<GroupRuntime, int>.Success(i));
        var values = (await Group.All(children, GroupOptions.Default with { MaxParallelism = 1 }).RunAsync()).Value();
        Assert.Equal(100_000, values.Count);
    }

    [Fact]
    public async Task Timeout_cancels_and_joins_every_child_and_fails_with_TimedOut_alone()
    {
        var clock = new FakeTimeProvider();
        var probe = new Probe();
        var options = GroupOptions.Default with { Timeout = TimeSpan.FromSeconds(5), TimeProvider = clock };
        var running = Group.All(Seq.create(Kids.Hangs(probe), Kids.Hangs(probe)), options).RunAsync().AsTask();
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.False(running.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        var fin = await running;
        var error = fin.Error();
        Assert.IsNotType<GroupError>(error);
        Assert.True(error.Is(Errors.TimedOut));
        Assert.Equal(2, probe.SawCancellationCount);
        Assert.Equal(0, probe.Live);
    }

    [Fact]
    public async Task Timeout_with_a_real_failure_gives_the_failures_and_TimedOut()
    {
        var clock = new FakeTimeProvider();
        var cleanup = new InvalidOperationException("cleanup");
        var options = GroupOptions.Default with { Timeout = TimeSpan.FromSeconds(1), TimeProvider = clock };
        var running = Group.Settle(Seq.create(Kids.FailsWhenCancelled(cleanup), Kids.Hangs()), options).RunAsync().AsTask();
        clock.Advance(TimeSpan.FromSeconds(1));
        var errors = (await running).Group().Errors;
        Assert.Equal(2, errors.Count);
        Assert.Same(cleanup, errors[0].ToException());
        Assert.True(errors[1].Is(Errors.TimedOut));
    }

    [Fact]
    public async Task Timeout_does_not_touch_a_group_that_finished_in_time()
    {
        var clock = new FakeTimeProvider();
        var options = GroupOptions.Default with { Timeout = TimeSpan.FromSeconds(1), TimeProvider = clock };
        Assert.Equal(new[] { 1, 2 }, (await Group.All(Seq.create(Kids.Ok(1), Kids.Ok(2)), options).RunAsync()).Value());
        clock.Advance(TimeSpan.FromSeconds(2));
        var race = Group.Race(Seq.create(Kids.Hangs(), Kids.Ok(3)), options);
        Assert.Equal(3, (await race.RunAsync()).Value());
    }

    [Fact]
    public void Invalid_options_are_refused_when_made()
    {
        Assert.Throws<ArgumentOutOfRangeException>("MaxParallelism", () => GroupOptions.Default with { MaxParallelism = -1 });
        Assert.Throws<ArgumentOutOfRangeException>("Timeout", () => GroupOptions.Default with { Timeout = TimeSpan.FromSeconds(-1) });
        Assert.Throws<ArgumentNullException>("TimeProvider", () => GroupOptions.Default with { TimeProvider = null! });
        Assert.Throws<ArgumentNullException>("options", () => Group.Race(Seq.create(Kids.Ok(1)), null!));
    }

    [Fact]
    public async Task Zip_takes_options_too()
    {
        var clock = new FakeTimeProvider();
        var options = GroupOptions.Default with { MaxParallelism = 1, Timeout = TimeSpan.FromSeconds(1), TimeProvider = clock };
        Assert.Equal((1, "two"), (await Group.Zip(Kids.Ok(1), Kids.Ok(2).Map(x => x == 2 ? "two" : "?"), options).RunAsync()).Value());
        var running = Group.Zip(Kids.Hangs(), Kids.Ok(2), options).RunAsync().AsTask();
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await running).Error().Is(Errors.TimedOut));
    }
}
