using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Rules;

public class G01_JoinAllTests
{
    [Fact]
    public async Task G1_the_group_waits_for_a_child_that_ignores_cancellation()
    {
        var release = Kids.Gate();
        var sawCancel = Kids.Gate();
        var probe = new Probe();
        var group = Group.All(
            Kids.IgnoresCancellation(release.Task, 7, sawCancel, probe),
            Kids.Fails(new InvalidOperationException("boom")));

        var running = group.RunAsync().AsTask();
        await sawCancel.Task;                       // the failure has cancelled the group ...
        Assert.False(running.IsCompleted);          // ... and the group still waits for the stubborn child
        Assert.Equal(1, probe.Live);

        release.SetResult();
        var fin = await running;
        var groupEnd = Probe.Tick();
        Assert.Equal(0, probe.Live);
        Assert.True(probe.LastEnd < groupEnd);
        Assert.IsType<InvalidOperationException>(Assert.Single(fin.Group().Errors).ToException());
    }

    [Fact]
    public async Task G1_every_started_child_has_ended_when_a_failing_group_completes()
    {
        var probe = new Probe();
        var children = Enumerable.Range(0, 50)
            .Select(i => i == 25 ? Kids.Fails(new InvalidOperationException(), 2, probe) : Kids.Hangs(probe));
        var fin = await Group.All(children).RunAsync();
        Assert.Equal(0, probe.Live);
        Assert.Equal(probe.Started, probe.Ended);
        Assert.Single(fin.Group().Errors);
    }

    [Fact]
    public async Task G1_every_child_has_ended_when_an_outer_cancelled_group_completes()
    {
        var probe = new Probe();
        using var cts = new CancellationTokenSource();
        var started = Kids.Gate();
        var counted = 0;
        var children = Enumerable.Range(0, 20).Select(_ => Kids.Hangs(probe).Map(x =>
        {
            Interlocked.Increment(ref counted);
            return x;
        }));
        var last = Child.FromTask(ct =>
        {
            started.SetResult();
            return Task.FromResult(0);
        });
        var running = Group.All(children.Append(last)).RunAsync(cts.Token).AsTask();
        await started.Task;
        cts.Cancel();
        var fin = await running;
        Assert.Equal(0, probe.Live);
        Assert.Equal(20, probe.SawCancellationCount);
        Assert.True(fin.Error().Is(Errors.Cancelled));
    }
}
