using FunctionalGroups.Tests.Support;
using static LanguageExt.Prelude;

namespace FunctionalGroups.Tests.Rules;

public class G07_OuterCancellationTests
{
    [Fact]
    public async Task G7_an_outer_cancel_with_no_real_failure_gives_Cancelled_alone()
    {
        using var cts = new CancellationTokenSource();
        var cancelsOuter = Child.FromTask(ct =>
        {
            cts.Cancel();
            return Task.FromResult(0);
        });
        var fin = await Group.All(Kids.Hangs(), cancelsOuter, Kids.Hangs()).RunAsync(cts.Token);
        var error = fin.Error();
        Assert.IsNotType<GroupError>(error);
        Assert.True(error.Is(Errors.Cancelled));
    }

    [Fact]
    public async Task G7_an_outer_cancel_with_a_real_failure_gives_the_group_error()
    {
        using var cts = new CancellationTokenSource();
        var cleanup = new InvalidOperationException("cleanup");
        var failsWhenCancelled = Kids.FailsWhenCancelled(cleanup);
        var running = Group.All(failsWhenCancelled, Kids.Hangs()).RunAsync(cts.Token).AsTask();
        cts.Cancel();
        Assert.Same(cleanup, Assert.Single((await running).Group().Errors).ToException());
    }

    [Fact]
    public async Task G7_an_empty_group_succeeds()
    {
        Assert.True((await Group.All(Seq<Aff<GroupRuntime, int>>()).RunAsync()).Value().IsEmpty);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.True((await Group.All(Seq<Aff<GroupRuntime, int>>()).RunAsync(cts.Token)).Value().IsEmpty);
    }

    [Fact]
    public async Task G7_a_parent_cancelled_at_start_starts_no_child()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var probe = new Probe();
        var fin = await Group.All(Kids.Ok(1, probe), Kids.Ok(2, probe)).RunAsync(cts.Token);
        Assert.Equal(0, probe.Started);
        Assert.True(fin.Error().Is(Errors.Cancelled));
    }

    [Fact]
    public async Task G7_if_every_child_succeeded_the_group_succeeds_even_if_the_parent_was_cancelled_meanwhile()
    {
        using var cts = new CancellationTokenSource();
        var release = Kids.Gate();
        var sawCancel = Kids.Gate();
        var running = Group.All(Kids.IgnoresCancellation(release.Task, 1, sawCancel), Kids.IgnoresCancellation(release.Task, 2))
            .RunAsync(cts.Token).AsTask();
        cts.Cancel();
        await sawCancel.Task;
        release.SetResult();
        Assert.Equal(new[] { 1, 2 }, (await running).Value());
    }

    [Fact]
    public async Task G7_a_child_that_cancels_its_own_runtime_cancels_the_group()
    {
        var probe = new Probe();
        var cancels = cancel<GroupRuntime>().Map(_ => 0);
        var fin = await Group.All(Kids.Hangs(probe), cancels, Kids.Hangs(probe)).RunAsync();
        Assert.True(fin.Error().Is(Errors.Cancelled));
        Assert.IsNotType<GroupError>(fin.Error());
        Assert.Equal(1, probe.SawCancellationCount);   // the one started before; the last never started
        Assert.Equal(1, probe.Started);
    }

    [Fact]
    public async Task G7_the_groups_own_cancellation_never_leaks_to_the_caller()
    {
        using var cts = new CancellationTokenSource();
        var rt = GroupRuntime.New(cts);
        var fin = await Group.All(Kids.Hangs(), Kids.Fails(new TimeoutException())).Run(rt);
        Assert.False(cts.IsCancellationRequested);
        Assert.IsType<GroupError>(fin.Error());
        // The caller's runtime is intact: the next effect on it runs normally.
        Assert.Equal(new[] { 1 }, (await Group.All(Kids.Ok(1)).Run(rt)).Value());
    }
}
