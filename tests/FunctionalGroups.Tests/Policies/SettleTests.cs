using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Policies;

public class SettleTests
{
    [Fact]
    public async Task Settle_gives_every_outcome_in_child_order_and_cancels_no_sibling()
    {
        var boom = new TimeoutException("boom");
        var failed = Kids.Gate();
        var sawCancel = Kids.Gate();
        // The second child starts after the first failed, and must still run to its value: no fail-fast.
        var afterFailure = Child.FromTask(async ct =>
        {
            using var registration = ct.Register(() => sawCancel.TrySetResult());
            await failed.Task.ConfigureAwait(false);
            await PoolYield.Yield();
            return 2;
        });
        var first = Child.FromTask<int>(async _ =>
        {
            await PoolYield.Yield();
            failed.SetResult();
            throw boom;
        });
        var outcomes = (await Group.Settle(first, afterFailure, Kids.Ok(3)).RunAsync()).Value();
        Assert.Equal(3, outcomes.Count);
        Assert.Same(boom, outcomes[0].Error().ToException());
        Assert.Equal(2, outcomes[1].Value());
        Assert.Equal(3, outcomes[2].Value());
        Assert.False(sawCancel.Task.IsCompleted);
    }

    [Fact]
    public async Task Settle_waits_for_every_child()
    {
        var probe = new Probe();
        var release = Kids.Gate();
        var running = Group.Settle(Kids.IgnoresCancellation(release.Task, 1, probe: probe), Kids.Fails(new TimeoutException(), probe: probe)).RunAsync().AsTask();
        await Probe_until_one_left(probe);
        Assert.False(running.IsCompleted);
        release.SetResult();
        var outcomes = (await running).Value();
        Assert.Equal(0, probe.Live);
        Assert.True(outcomes[0].IsSucc);
        Assert.True(outcomes[1].IsFail);
    }

    static async Task Probe_until_one_left(Probe probe)
    {
        while (probe.Ended < 1) await PoolYield.Yield();
    }

    [Fact]
    public async Task Settle_fails_only_when_cancelled_from_outside()
    {
        using var cts = new CancellationTokenSource();
        var cancelsOuter = Child.FromTask(ct =>
        {
            cts.Cancel();
            return Task.FromResult(0);
        });
        var cancelled = await Group.Settle(Kids.Hangs(), cancelsOuter, Kids.Hangs()).RunAsync(cts.Token);
        Assert.True(cancelled.Error().Is(Errors.Cancelled));
        Assert.IsNotType<GroupError>(cancelled.Error());

        // A real failure during that cancellation wins (G7), as a GroupError.
        using var cts2 = new CancellationTokenSource();
        var cleanup = new InvalidOperationException("cleanup");
        var running = Group.Settle(Kids.FailsWhenCancelled(cleanup), Kids.Hangs()).RunAsync(cts2.Token).AsTask();
        cts2.Cancel();
        Assert.Same(cleanup, Assert.Single((await running).Group().Errors).ToException());
    }

    [Fact]
    public async Task Settle_of_nothing_is_empty_and_building_it_starts_nothing()
    {
        var probe = new Probe();
        var settle = Group.Settle(Kids.Ok(1, probe));
        Assert.Equal(0, probe.Started);
        Assert.True((await Group.Settle(Seq<Aff<GroupRuntime, int>>.Empty).RunAsync()).Value().IsEmpty);
        Assert.Equal(1, (await settle.RunAsync()).Value()[0].Value());
        Assert.Throws<ArgumentNullException>("children", () => Group.Settle((IEnumerable<Aff<GroupRuntime, int>>)null!));
    }
}
