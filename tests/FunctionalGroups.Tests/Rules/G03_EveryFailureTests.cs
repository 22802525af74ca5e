using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Rules;

public class G03_EveryFailureTests
{
    [Fact]
    public async Task G3_failures_raised_while_a_child_is_cancelled_are_reported()
    {
        var cleanup = new InvalidOperationException("cleanup failed");
        var boom = new TimeoutException("boom");
        var failsInCleanup = Kids.FailsWhenCancelled(cleanup);
        var fin = await Group.All(failsInCleanup, Kids.Fails(boom)).RunAsync();
        var errors = fin.Group().Errors.Map(e => e.ToException()).ToList();
        Assert.Equal(new Exception[] { cleanup, boom }, errors);
    }

    [Fact]
    public async Task G3_cancellations_caused_by_the_group_are_not_reported()
    {
        var children = Enumerable.Range(0, 5).Select(_ => Kids.Hangs()).Prepend(Kids.Fails(new TimeoutException()));
        var fin = await Group.All(children).RunAsync();
        Assert.IsType<TimeoutException>(Assert.Single(fin.Group().Errors).ToException());
    }

    [Fact]
    public async Task G3_a_child_that_swallows_cancellation_and_returns_a_value_is_not_a_failure()
    {
        var swallows = Child.FromTask(async ct =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
            return 42;
        });
        var fin = await Group.All(swallows, Kids.Fails(new TimeoutException())).RunAsync();
        Assert.Single(fin.Group().Errors);
    }

    [Fact]
    public async Task G3_a_cancellation_callback_that_throws_is_reported()
    {
        var thrown = new InvalidOperationException("callback");
        var release = Kids.Gate();
        var sawCancel = Kids.Gate();
        var registers = Child.FromTask(async ct =>
        {
            // A callback that throws when the group cancels: cleanup code failing. The child stays alive
            // (waiting for the test) while the group runs the callbacks.
            using var throws = ct.Register(() => throw thrown);
            using var tells = ct.Register(() => sawCancel.TrySetResult());
            await release.Task.ConfigureAwait(false);
            return 1;
        });
        var running = Group.All(registers, Kids.Fails(new TimeoutException())).RunAsync().AsTask();
        await sawCancel.Task;
        release.SetResult();
        var fin = await running;
        var leaves = fin.Group().Errors.Map(e => e.ToException()).ToList();
        Assert.Equal(2, leaves.Count);
        Assert.IsType<TimeoutException>(leaves[0]);
        Assert.Same(thrown, leaves[1]);
    }

    [Fact]
    public async Task G3_every_failure_of_a_failing_group_is_reported()
    {
        var gate = Kids.Gate();
        var errors = Enumerable.Range(0, 5).Select(i => new InvalidOperationException($"e{i}")).ToArray();
        // All five fail when the gate opens; none observes the token, so all five failures happen.
        var running = Group.All(errors.Select(e => Kids.FailsAt(gate.Task, e))).RunAsync().AsTask();
        gate.SetResult();
        var fin = await running;
        Assert.Equal(errors, fin.Group().Errors.Map(e => (InvalidOperationException)e.ToException()).ToArray());
    }
}
