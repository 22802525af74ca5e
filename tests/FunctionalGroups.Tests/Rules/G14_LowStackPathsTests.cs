using System.Runtime.CompilerServices;
using System.Threading.Tasks.Sources;
using FunctionalGroups.Tests.Support;
using static FunctionalGroups.Tests.Support.ScopeKit;

namespace FunctionalGroups.Tests.Rules;

/// <summary>
/// G14: where the stack runs low, the engine moves its work to a fresh stack instead of recursing: the drain of a
/// limit, the cancel, the completion of the awaiter, a scope's body and its spawns. The 100,000-deep tests reach these
/// paths only at the bottom of a deep nest; here each is reached at once, by running the step that takes it on a
/// thread whose stack has already run low, and the outcome must be exactly what it is on a fresh stack.
/// </summary>
public class G14_LowStackPathsTests
{
    /// <summary>Runs <paramref name="step"/> on a new thread, after using up its stack until the runtime says it is
    /// low (<see cref="RuntimeHelpers.TryEnsureSufficientExecutionStack"/> is false), and waits for the thread.</summary>
    static void WhereTheStackIsLow(Action step)
    {
        var sawLow = false;
        var thread = new Thread(() => Descend(() =>
        {
            sawLow = !RuntimeHelpers.TryEnsureSufficientExecutionStack();
            step();
        }), maxStackSize: 1024 * 1024);
        thread.Start();
        thread.Join();
        Assert.True(sawLow, "the step did not run where the stack is low");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void Descend(Action atTheBottom)
    {
        Span<byte> frame = stackalloc byte[512];
        frame[0] = 1;
        if (RuntimeHelpers.TryEnsureSufficientExecutionStack()) Descend(atTheBottom);
        else atTheBottom();
        GC.KeepAlive(frame[0]);
    }

    /// <summary>
    /// A child's end that the test triggers, and that runs the engine inline on the thread that triggers it (a value
    /// task source with synchronous continuations: unlike a task's continuation, which .NET itself moves to the pool
    /// when the stack is low, this one runs there, as a nested group's completion runs its parent's).
    /// </summary>
    sealed class EndOnCue : IValueTaskSource<Fin<int>>
    {
        ManualResetValueTaskSourceCore<Fin<int>> core; // RunContinuationsAsynchronously is false by default

        public Aff<GroupRuntime, int> Child => Aff<GroupRuntime, int>.EffectMaybe(_ => new ValueTask<Fin<int>>(this, core.Version));

        public void End(Fin<int> outcome) => core.SetResult(outcome);

        public Fin<int> GetResult(short token) => core.GetResult(token);

        public ValueTaskSourceStatus GetStatus(short token) => core.GetStatus(token);

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            core.OnCompleted(continuation, state, token, flags);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(2)]
    public async Task G14_a_group_started_where_the_stack_is_low_starts_every_child_on_a_fresh_stack(int? limit)
    {
        Task<Fin<Seq<int>>>? run = null;
        var children = Enumerable.Range(0, 5).Select(i => Kids.Ok(i)).ToArray();
        WhereTheStackIsLow(() => run = Group.All(children, GroupOptions.Default with { MaxParallelism = limit }).RunAsync().AsTask());
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, (await run!).Value().ToArray());
    }

    [Fact]
    public async Task G14_the_last_child_ending_where_the_stack_is_low_completes_the_group_from_a_fresh_stack()
    {
        var cues = new[] { new EndOnCue(), new EndOnCue() };
        var run = Group.All(cues.Select(c => c.Child)).RunAsync().AsTask();
        Assert.False(run.IsCompleted);
        WhereTheStackIsLow(() =>
        {
            cues[0].End(10);
            cues[1].End(11); // the last share goes here: the group concludes where the stack is low
        });
        Assert.Equal(new[] { 10, 11 }, (await run).Value().ToArray());
    }

    [Fact]
    public async Task G14_a_failure_where_the_stack_is_low_cancels_its_siblings_from_a_fresh_stack()
    {
        var failing = new EndOnCue();
        var boom = Error.New(14, "fails where the stack is low");
        var cleanup = new InvalidOperationException("a cancellation callback threw");
        var siblingCancelled = 0;
        var children = new[]
        {
            Child.FromTask<int>(async ct =>
            {
                using var _ = ct.Register(() => throw cleanup);
                return await HangUntilCancelled<int>(ct);
            }),
            failing.Child,
            Child.FromTask<int>(async ct =>
            {
                try { return await HangUntilCancelled<int>(ct); }
                finally { Interlocked.Increment(ref siblingCancelled); }
            }),
        };
        var run = Group.All(children).RunAsync().AsTask();
        WhereTheStackIsLow(() => failing.End(boom)); // the failure, then the cancel of the siblings, start here
        var errors = (await run).Group().Errors.ToArray();
        Assert.Equal(2, errors.Length);
        Assert.Same(boom, errors[0]); // the children's failures in child order, then the callbacks'
        Assert.Same(cleanup, errors[1].ToException());
        Assert.Equal(1, siblingCancelled);
    }

    [Fact]
    public async Task G14_a_parent_cancel_where_the_stack_is_low_cancels_the_group_from_a_fresh_stack()
    {
        using var parent = new CancellationTokenSource();
        var cancelled = 0;
        var children = Enumerable.Range(0, 3).Select(_ => Child.FromTask<int>(async ct =>
        {
            try { return await HangUntilCancelled<int>(ct); }
            finally { Interlocked.Increment(ref cancelled); }
        }));
        var run = Group.All(children).Run(GroupRuntime.New(parent)).AsTask();
        WhereTheStackIsLow(parent.Cancel);
        Assert.True((await run).Error().Is(Errors.Cancelled));
        Assert.Equal(3, cancelled);
    }

    [Fact]
    public async Task G14_a_scope_started_where_the_stack_is_low_runs_its_body_and_spawns_on_a_fresh_stack()
    {
        Task<Fin<int>>? run = null;
        var scope = Group.Scope<int>(s =>
            from a in s.Spawn(Kids.Ok(1))
            from b in s.Spawn(Kids.Ok(2))
            from x in a.Join
            from y in b.Join
            select x + y);
        WhereTheStackIsLow(() => run = scope.RunAsync().AsTask());
        Assert.Equal(3, (await run!).Value());
    }

    [Fact]
    public async Task G14_a_spawn_where_the_stack_is_low_starts_the_child_on_a_fresh_stack()
    {
        var gate = new TaskCompletionSource();
        var spawnedOnLowStack = Kids.Gate();
        var scope = Group.Scope<int>(s => Body(async _ =>
        {
            await gate.Task.ConfigureAwait(false); // resumes inline on the low-stack thread that opens the gate
            s.SpawnOrThrow(Kids.Ok(7));
            spawnedOnLowStack.SetResult();
            return 0;
        }));
        var run = scope.RunAsync().AsTask();
        WhereTheStackIsLow(() => gate.SetResult());
        await spawnedOnLowStack.Task;
        Assert.Equal(0, (await run).Value());
    }
}
