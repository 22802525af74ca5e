using System.Diagnostics;
using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Rules;

/// <summary>
/// G16: every child runs in the caller's <see cref="ExecutionContext"/> (AsyncLocal values, <see cref="Activity.Current"/>),
/// also when started later under a limit — after an earlier child completed on a thread whose context differs — by
/// <c>Traverse</c>, and with <c>StartOnThreadPool</c>; a child's own AsyncLocal writes never reach its siblings.
/// </summary>
public class G16_ContextFlowsTests
{
    static readonly AsyncLocal<string?> Local = new();

    const int Rounds = 50;

    /// <summary>How the first wave's children are completed: from a thread whose context is not the caller's.</summary>
    public enum Completer
    {
        /// <summary><c>Task.Run</c> that sets the AsyncLocal to "other" first.</summary>
        OtherValue,
        /// <summary><c>Task.Run</c> under <see cref="ExecutionContext.SuppressFlow"/>: the default context (the AsyncLocal is null).</summary>
        SuppressedFlow,
    }

    public static TheoryData<Completer> Completers => new() { Completer.OtherValue, Completer.SuppressedFlow };

    static Task CompleteFromElsewhere(Completer completer, TaskCompletionSource<int> gate, int value)
    {
        if (completer == Completer.OtherValue)
            return Task.Run(() =>
            {
                Local.Value = "other";
                gate.SetResult(value);
            });
        using (ExecutionContext.SuppressFlow())
            return Task.Run(() =>
            {
                Assert.Null(Local.Value);
                gate.SetResult(value);
            });
    }

    /// <summary>Records the AsyncLocal it sees as it starts, and ends synchronously.</summary>
    static Aff<GroupRuntime, int> Sees(int i, string?[] seen) =>
        Aff<GroupRuntime, int>.EffectMaybe(_ =>
        {
            seen[i] = Local.Value;
            return new ValueTask<Fin<int>>(Fin<int>.Succ(i));
        });

    /// <summary>Records the AsyncLocal it sees as it starts; its task is <paramref name="gate"/>'s, completed elsewhere.</summary>
    static Aff<GroupRuntime, int> SeesThenWaits(int i, string?[] seen, TaskCompletionSource<int> gate) =>
        Child.FromTask(_ =>
        {
            seen[i] = Local.Value;
            return gate.Task;
        });

    /// <summary>Records the AsyncLocal it sees as it starts, then awaits <paramref name="gate"/> in an async method.</summary>
    static Aff<GroupRuntime, int> SeesThenAwaits(int i, string?[] seen, TaskCompletionSource<int> gate) =>
        Child.FromTask(async _ =>
        {
            seen[i] = Local.Value;
            return await gate.Task.ConfigureAwait(false);
        });

    /// <summary>Writes the AsyncLocal synchronously (a non-async lambda: nothing restores the context but the engine).</summary>
    static Aff<GroupRuntime, int> Writes(int i, string?[] seen) =>
        Aff<GroupRuntime, int>.EffectMaybe(_ =>
        {
            seen[i] = Local.Value;
            Local.Value = $"child {i}";
            return new ValueTask<Fin<int>>(Fin<int>.Succ(i));
        });

    [Fact]
    public async Task G16_without_a_limit_every_child_sees_the_callers_value()
    {
        Local.Value = "caller";
        var seen = new string?[4];
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var children = Seq.create(Sees(0, seen), SeesThenAwaits(1, seen, gate), Sees(2, seen), Child.FromTask(async _ =>
        {
            await PoolYield.Yield();
            seen[3] = Local.Value;
            return 3;
        }));
        var running = Group.All(children).RunAsync().AsTask();
        gate.SetResult(1);
        Assert.Equal(new[] { 0, 1, 2, 3 }, (await running).Value());
        Assert.All(seen, s => Assert.Equal("caller", s));
    }

    [Theory]
    [MemberData(nameof(Completers))]
    public async Task G16_under_a_limit_children_started_later_see_the_callers_value_not_the_completing_threads(Completer completer)
    {
        for (var round = 0; round < Rounds; round++)
        {
            Local.Value = "caller";
            var seen = new string?[6];
            var gates = new[] { new TaskCompletionSource<int>(), new TaskCompletionSource<int>() };   // continuations inline
            var children = Seq.create(SeesThenWaits(0, seen, gates[0]), SeesThenWaits(1, seen, gates[1]))
                .Concat(Enumerable.Range(2, 4).Select(i => Sees(i, seen)));
            var running = Group.All(children, GroupOptions.Default with { MaxParallelism = 2 }).RunAsync().AsTask();
            await Task.WhenAll(CompleteFromElsewhere(completer, gates[0], 0), CompleteFromElsewhere(completer, gates[1], 1));
            Assert.Equal(new[] { 0, 1, 2, 3, 4, 5 }, (await running).Value());
            Assert.All(seen, s => Assert.Equal("caller", s));
        }
    }

    [Theory]
    [MemberData(nameof(Completers))]
    public async Task G16_under_a_limit_children_started_after_an_async_child_completed_elsewhere_see_the_callers_value(Completer completer)
    {
        for (var round = 0; round < Rounds; round++)
        {
            Local.Value = "caller";
            var seen = new string?[5];
            var gate = new TaskCompletionSource<int>();
            var children = Seq.create(SeesThenAwaits(0, seen, gate))
                .Concat(Enumerable.Range(1, 4).Select(i => Sees(i, seen)));
            var running = Group.All(children, GroupOptions.Default with { MaxParallelism = 1 }).RunAsync().AsTask();
            await CompleteFromElsewhere(completer, gate, 0);
            Assert.Equal(new[] { 0, 1, 2, 3, 4 }, (await running).Value());
            Assert.All(seen, s => Assert.Equal("caller", s));
        }
    }

    [Theory]
    [MemberData(nameof(Completers))]
    public async Task G16_Traverse_children_started_later_see_the_callers_value(Completer completer)
    {
        for (var round = 0; round < Rounds; round++)
        {
            Local.Value = "caller";
            var seen = new string?[6];
            var gates = new[] { new TaskCompletionSource<int>(), new TaskCompletionSource<int>() };
            Aff<GroupRuntime, int> Make(int i) => i < 2 ? SeesThenWaits(i, seen, gates[i]) : Sees(i, seen);
            var running = Group.Traverse(Enumerable.Range(0, 6), Make, GroupOptions.Default with { MaxParallelism = 2 }).RunAsync().AsTask();
            await Task.WhenAll(CompleteFromElsewhere(completer, gates[0], 0), CompleteFromElsewhere(completer, gates[1], 1));
            Assert.Equal(new[] { 0, 1, 2, 3, 4, 5 }, (await running).Value());
            Assert.All(seen, s => Assert.Equal("caller", s));
        }
    }

    [Theory]
    [MemberData(nameof(Completers))]
    public async Task G16_Traverse_calls_the_item_function_in_the_callers_context(Completer completer)
    {
        for (var round = 0; round < Rounds; round++)
        {
            Local.Value = "caller";
            var seen = new string?[6];
            var inFunction = new string?[6];
            var gates = new[] { new TaskCompletionSource<int>(), new TaskCompletionSource<int>() };
            Aff<GroupRuntime, int> Make(int i)
            {
                inFunction[i] = Local.Value;
                return i < 2 ? SeesThenWaits(i, seen, gates[i]) : Sees(i, seen);
            }
            var running = Group.Traverse(Enumerable.Range(0, 6), Make, GroupOptions.Default with { MaxParallelism = 2 }).RunAsync().AsTask();
            await Task.WhenAll(CompleteFromElsewhere(completer, gates[0], 0), CompleteFromElsewhere(completer, gates[1], 1));
            Assert.Equal(new[] { 0, 1, 2, 3, 4, 5 }, (await running).Value());
            Assert.All(inFunction, s => Assert.Equal("caller", s));
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData(2)]
    public async Task G16_StartOnThreadPool_children_see_the_callers_value(int? limit)
    {
        for (var round = 0; round < Rounds; round++)
        {
            Local.Value = "caller";
            var seen = new string?[8];
            var children = Enumerable.Range(0, 8).Select(i => Sees(i, seen)).ToSeq();
            var options = GroupOptions.Default with { StartOnThreadPool = true, MaxParallelism = limit };
            Assert.Equal(Enumerable.Range(0, 8), (await Group.All(children, options).RunAsync()).Value());
            Assert.All(seen, s => Assert.Equal("caller", s));
        }
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(null, true)]
    [InlineData(1, true)]
    public async Task G16_a_childs_own_AsyncLocal_write_never_reaches_its_siblings_nor_the_caller(int? limit, bool onThreadPool)
    {
        for (var round = 0; round < Rounds; round++)
        {
            Local.Value = "caller";
            var seen = new string?[5];
            var children = Enumerable.Range(0, 5).Select(i => Writes(i, seen)).ToSeq();
            var options = GroupOptions.Default with { StartOnThreadPool = onThreadPool, MaxParallelism = limit };
            var running = Group.All(children, options).Run(GroupRuntime.New(new CancellationTokenSource()));
            // Synchronously after the start returned, before any await of ours could restore our context.
            Assert.Equal("caller", Local.Value);
            Assert.Equal(Enumerable.Range(0, 5), (await running).Value());
            Assert.Equal("caller", Local.Value);
            Assert.All(seen, s => Assert.Equal("caller", s));
        }
    }

    [Fact]
    public async Task G16_in_Traverse_a_childs_own_AsyncLocal_write_never_reaches_later_items()
    {
        Local.Value = "caller";
        var seen = new string?[5];
        var inFunction = new string?[5];
        Aff<GroupRuntime, int> Make(int i)
        {
            inFunction[i] = Local.Value;
            return Writes(i, seen);
        }
        var running = Group.Traverse(Enumerable.Range(0, 5), Make, GroupOptions.Default with { MaxParallelism = 2 })
            .Run(GroupRuntime.New(new CancellationTokenSource()));
        Assert.Equal("caller", Local.Value);
        Assert.Equal(Enumerable.Range(0, 5), (await running).Value());
        Assert.All(seen, s => Assert.Equal("caller", s));
        Assert.All(inFunction, s => Assert.Equal("caller", s));
    }

    [Fact]
    public async Task G16_Activity_Current_flows_to_every_child_also_under_a_limit()
    {
        for (var round = 0; round < Rounds; round++)
        {
            using var caller = new Activity("caller").Start();
            var seen = new Activity?[6];
            var gates = new[] { new TaskCompletionSource<int>(), new TaskCompletionSource<int>() };
            Aff<GroupRuntime, int> Waits(int i) => Child.FromTask(_ =>
            {
                seen[i] = Activity.Current;
                return gates[i].Task;
            });
            Aff<GroupRuntime, int> Ends(int i) => Aff<GroupRuntime, int>.EffectMaybe(_ =>
            {
                seen[i] = Activity.Current;
                return new ValueTask<Fin<int>>(Fin<int>.Succ(i));
            });
            var children = Seq.create(Waits(0), Waits(1)).Concat(Enumerable.Range(2, 4).Select(Ends));
            var running = Group.All(children, GroupOptions.Default with { MaxParallelism = 2 }).RunAsync().AsTask();
            Task CompleteUnderAnotherActivity(int i) => Task.Run(() =>
            {
                Activity.Current = null;
                using var other = new Activity("other").Start();
                gates[i].SetResult(i);
            });
            await Task.WhenAll(CompleteUnderAnotherActivity(0), CompleteUnderAnotherActivity(1));
            Assert.Equal(Enumerable.Range(0, 6), (await running).Value());
            Assert.All(seen, a => Assert.Same(caller, a));
            Assert.Same(caller, Activity.Current);
        }
    }
}
