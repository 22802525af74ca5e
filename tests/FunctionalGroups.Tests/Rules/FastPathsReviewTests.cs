using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Rules;

/// <summary>
/// The fast paths of issue 13 (deferred observation of a fixed list's running tasks, the task-function Traverse,
/// RunAsync starting the effect's function directly), held to the rules. Each scenario is deterministic: an earlier
/// child's task is completed from a later child's synchronous start, on the drainer's thread, with synchronous
/// continuations (a <see cref="TaskCompletionSource{TResult}"/> without <c>RunContinuationsAsynchronously</c>), so the
/// end happens at a known point of the start loop. The group is started on a pool thread with no
/// <see cref="SynchronizationContext"/> (<see cref="OffContext{A}"/>): under xUnit's context .NET would queue a
/// continuation instead of running it inline, and the end would be seen at an unknown time.
/// </summary>
public class FastPathsReviewTests
{
    /// <summary>Starts <paramref name="run"/> on a pool thread, where no synchronization context is current.</summary>
    static Task<Fin<A>> OffContext<A>(Func<ValueTask<Fin<A>>> run) => Task.Run(() => run().AsTask());

    // ---- G13/G3: a child's outcome is classified by the token's state when it ENDED ----

    [Fact]
    public async Task G13_an_OperationCanceledException_raised_before_the_group_was_cancelled_is_a_real_failure_in_All()
    {
        var first = new TaskCompletionSource<int>();
        var timeout = new OperationCanceledException("an HttpClient timeout: not the group's cancellation");
        var boom = new InvalidOperationException("the second child fails as it starts");
        var fin = await OffContext(() => Group.All(
            Child.FromTask<int>(_ => first.Task),
            Child.FromTask<int>(_ =>
            {
                // Child 0 ends now, while the group's token is not cancelled: a real failure (G13).
                first.SetException(timeout);
                // Then this child fails at once: the group shuts down.
                throw boom;
            })).RunAsync());
        var errors = fin.Group().Errors;
        Assert.Equal(2, errors.Count);
        Assert.Same(timeout, errors[0].ToException());
        Assert.Same(boom, errors[1].ToException());
    }

    [Fact]
    public async Task G13_an_OperationCanceledException_raised_before_the_group_was_cancelled_is_a_real_failure_in_Traverse()
    {
        var first = new TaskCompletionSource<int>();
        var timeout = new OperationCanceledException("an HttpClient timeout: not the group's cancellation");
        var boom = new InvalidOperationException("item 1 fails as it starts");
        var fin = await OffContext(() => Group.Traverse(new[] { 0, 1 }, (item, _) =>
        {
            if (item == 0) return first.Task;
            first.SetException(timeout);
            throw boom;
        }).RunAsync());
        var errors = fin.Group().Errors;
        Assert.Equal(2, errors.Count);
        Assert.Same(timeout, errors[0].ToException());
        Assert.Same(boom, errors[1].ToException());
    }

    [Fact]
    public async Task G7_a_real_failure_before_the_parent_cancel_wins_over_the_cancel()
    {
        var first = new TaskCompletionSource<int>();
        var timeout = new OperationCanceledException("an HttpClient timeout: not the group's cancellation");
        using var parent = new CancellationTokenSource();
        var fin = await OffContext(() => Group.All(
            Child.FromTask<int>(_ => first.Task),
            Child.FromTask<int>(_ =>
            {
                first.SetException(timeout);   // a real failure: the group's token is not cancelled yet
                parent.Cancel();               // then the parent cancels
                return Task.FromResult(2);
            })).RunAsync(parent.Token));
        // G7: "If any child failed for real, the GroupError wins."
        Assert.Same(timeout, Assert.Single(fin.Group().Errors).ToException());
    }

    [Fact]
    public async Task G3_Validate_reports_a_failure_that_ended_before_the_parent_cancel()
    {
        var first = new TaskCompletionSource<int>();
        var timeout = new OperationCanceledException("an HttpClient timeout: not the group's cancellation");
        using var parent = new CancellationTokenSource();
        var fin = await OffContext(() => Group.Validate(
            Child.FromTask<int>(_ => first.Task),
            Child.FromTask<int>(_ =>
            {
                first.SetException(timeout);
                parent.Cancel();
                return Task.FromResult(2);
            })).RunAsync(parent.Token));
        Assert.Same(timeout, Assert.Single(fin.Group().Errors).ToException());
    }

    // ---- G2: once a child failed, a sibling that has not started is not started ----

    [Fact]
    public async Task G2_a_sibling_not_started_when_an_earlier_child_fails_is_never_started_in_All()
    {
        var first = new TaskCompletionSource<int>();
        var thirdStarted = 0;
        var fin = await OffContext(() => Group.All(
            Child.FromTask<int>(_ => first.Task),
            Child.FromTask<int>(_ =>
            {
                first.SetException(new TimeoutException("child 0 fails while child 1 starts"));
                return Task.FromResult(1);
            }),
            Child.FromTask<int>(_ =>
            {
                Interlocked.Increment(ref thirdStarted);
                return Task.FromResult(2);
            })).RunAsync());
        Assert.IsType<TimeoutException>(Assert.Single(fin.Group().Errors).ToException());
        Assert.Equal(0, Volatile.Read(ref thirdStarted));
    }

    [Fact]
    public async Task G2_an_item_not_started_when_an_earlier_item_fails_is_never_started_in_Traverse()
    {
        var first = new TaskCompletionSource<int>();
        var laterStarted = 0;
        var fin = await OffContext(() => Group.Traverse(Enumerable.Range(0, 10), (item, _) =>
        {
            if (item == 0) return first.Task;
            if (item == 1)
            {
                first.SetException(new TimeoutException("item 0 fails while item 1 starts"));
                return Task.FromResult(1);
            }
            Interlocked.Increment(ref laterStarted);
            return Task.FromResult(item);
        }).RunAsync());
        Assert.IsType<TimeoutException>(Assert.Single(fin.Group().Errors).ToException());
        Assert.Equal(0, Volatile.Read(ref laterStarted));
    }

    // ---- Guards of the fast paths that hold (kept as regression tests) ----

    [Fact]
    public async Task G1_a_nested_group_in_a_child_s_synchronous_start_keeps_its_own_tasks_and_the_outer_s()
    {
        // The outer and the nested group are the same closed run type: they share the thread's spare window.
        for (var round = 0; round < 20; round++)
        {
            var gates = Enumerable.Range(0, 3 * 2_100).Select(_ => new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
            var inner = Enumerable.Range(0, 2_100).Select(i => Child.FromTask<int>(_ => gates[2_100 + i].Task)).ToArray();
            Task<Fin<Seq<int>>>? nested = null;
            var outer = Enumerable.Range(0, 2_100).Select(i => Child.FromTask<int>(_ =>
            {
                if (i == 5)
                {
                    nested = Group.All(inner).RunAsync().AsTask();
                    return nested.ContinueWith(t => t.Result.Value().Sum(), TaskScheduler.Default);
                }
                return gates[i].Task;
            })).ToArray();
            var running = Group.All(outer).RunAsync().AsTask();
            for (var i = gates.Length - 1; i >= 0; i--) gates[i].TrySetResult(1);
            var fin = await running;
            Assert.Equal(2_099 + 2_100, fin.Value().Sum());
        }
    }

    [Fact]
    public async Task G1_a_limit_below_the_window_observes_every_task_before_the_group_ends()
    {
        var gates = Enumerable.Range(0, 5_000).Select(_ => new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var ended = 0;
        var running = Group.Traverse(Enumerable.Range(0, 5_000), async (i, _) =>
        {
            var v = await gates[i].Task.ConfigureAwait(false);
            Interlocked.Increment(ref ended);
            return v;
        }, GroupOptions.Default with { MaxParallelism = 3_000 }).RunAsync().AsTask();
        foreach (var g in gates) g.TrySetResult(1);
        var fin = await running;
        Assert.Equal(5_000, Volatile.Read(ref ended));
        Assert.Equal(5_000, fin.Value().Count);
    }

    static readonly AsyncLocal<string?> Local = new();

    [Fact]
    public async Task G16_RunAsync_keeps_an_effect_s_synchronous_AsyncLocal_writes_from_its_caller()
    {
        Local.Value = "caller";
        var effect = Aff<GroupRuntime, int>.EffectMaybe(_ =>
        {
            Local.Value = "the effect";
            return new ValueTask<Fin<int>>(Fin<int>.Succ(1));
        });
        var fin = await effect.RunAsync();
        Assert.Equal(1, fin.Value());
        Assert.Equal("caller", Local.Value);
    }
}
