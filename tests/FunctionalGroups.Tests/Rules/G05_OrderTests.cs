using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Rules;

public class G05_OrderTests
{
    [Fact]
    public async Task G5_errors_are_in_child_order_not_completion_order()
    {
        var firstGate = Kids.Gate();
        var secondGate = Kids.Gate();
        var secondFailed = Kids.Gate();
        var first = new InvalidOperationException("first child");
        var second = new InvalidOperationException("second child");
        var firstChild = Child.FromTask<int>(async ct =>
        {
            // Ignores the token, but tells the test when the group was cancelled by the second child's failure.
            using var registration = ct.Register(() => secondFailed.TrySetResult());
            await firstGate.Task.ConfigureAwait(false);
            throw first;
        });
        var running = Group.All(firstChild, Kids.FailsAt(secondGate.Task, second)).RunAsync().AsTask();
        secondGate.SetResult();     // the second child fails first ...
        await secondFailed.Task;
        firstGate.SetResult();      // ... and the first one after it
        var errors = (await running).Group().Errors.Map(e => e.ToException()).ToList();
        Assert.Equal(new Exception[] { first, second }, errors);
    }

    [Fact]
    public async Task G5_results_are_in_child_order()
    {
        var gates = Enumerable.Range(0, 10).Select(_ => Kids.Gate()).ToArray();
        var children = gates.Select((g, i) => Child.FromTask(async ct =>
        {
            await g.Task.ConfigureAwait(false);
            return i;
        }));
        var running = Group.All(children).RunAsync().AsTask();
        foreach (var g in gates.Reverse()) g.SetResult();
        Assert.Equal(Enumerable.Range(0, 10), (await running).Value());
    }

    [Fact]
    public async Task G5_equal_outcomes_give_equal_values()
    {
        var a = Error.New("a");
        var b = Error.New(42, "b");
        // Both failures wait for the run's gate, opened once every child has started, so both always happen.
        var gate = Kids.Gate();
        Aff<GroupRuntime, int> FailsAtGate(Error e) =>
            Aff<GroupRuntime, int>.EffectMaybe(async _ =>
            {
                await Volatile.Read(ref gate).Task.ConfigureAwait(false);
                return Fin<int>.Fail(e);
            });
        var group = Group.All(FailsAtGate(a).Named("x"), Kids.Ok(1), FailsAtGate(b));

        async Task<GroupError> RunOnce()
        {
            var running = group.RunAsync().AsTask();
            var opened = gate;
            gate = Kids.Gate();
            opened.SetResult();
            return (await running).Group();
        }

        var one = await RunOnce();
        var two = await RunOnce();
        Assert.Equal(one, two);
        Assert.Equal(one.GetHashCode(), two.GetHashCode());
        Assert.Equal(new GroupError(Seq.create<Error>(new NamedError("x", a), b), 3), one);
    }
}
