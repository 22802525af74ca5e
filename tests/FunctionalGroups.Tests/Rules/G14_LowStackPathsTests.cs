using System.Runtime.CompilerServices;
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

    /// <summary>Children that end when <paramref name="gate"/> opens, inline on the thread that opens it.</summary>
    static Aff<GroupRuntime, int>[] EndAtTheGate(Task gate, int count) =>
        Enumerable.Range(0, count).Select(i => Child.FromTask(async _ =>
        {
            await gate.ConfigureAwait(false);
            return i;
        })).ToArray();

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
        var gate = new TaskCompletionSource(); // continuations inline: the children end on the opener's thread
        var run = Group.All(EndAtTheGate(gate.Task, 3)).RunAsync().AsTask();
        Assert.False(run.IsCompleted);
        WhereTheStackIsLow(() => gate.SetResult());
        Assert.Equal(new[] { 0, 1, 2 }, (await run).Value().ToArray());
    }

    [Fact]
    public async Task G14_a_failure_where_the_stack_is_low_cancels_its_siblings_from_a_fresh_stack()
    {
        var gate = new TaskCompletionSource();
        var boom = new InvalidOperationException("fails where the stack is low");
        var cleanup = new InvalidOperationException("a cancellation callback threw");
        var siblingCancelled = 0;
        var children = new[]
        {
            Child.FromTask<int>(async ct =>
            {
                using var _ = ct.Register(() => throw cleanup);
                await HangUntilCancelled<int>(ct);
                return 0;
            }),
            Kids.FailsAt(gate.Task, boom),
            Child.FromTask<int>(async ct =>
            {
                try { return await HangUntilCancelled<int>(ct); }
                finally { Interlocked.Increment(ref siblingCancelled); }
            }),
        };
        var run = Group.All(children).RunAsync().AsTask();
        WhereTheStackIsLow(() => gate.SetResult());
        var errors = (await run).Group().Errors.Map(e => e.ToException()).ToArray();
        Assert.Equal<Exception>([boom, cleanup], errors); // the children's failures in child order, then the callbacks'
        Assert.Equal(1, siblingCancelled);
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
