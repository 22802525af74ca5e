using BenchmarkDotNet.Attributes;
using FunctionalGroups.Benchmarks.FSharp;
using LanguageExt;

namespace FunctionalGroups.Benchmarks;

/// <summary>
/// Workload 1, fan-out: N children that yield once and return their index; every peer builds its N children
/// inside the measured call and returns all N values in order.
/// </summary>
public static class FanOutWorkload
{
    /// <summary>The floor: <c>Task.WhenAll</c> over N calls of an async method.</summary>
    public static Task<int[]> RawWhenAll(int n)
    {
        var tasks = new Task<int>[n];
        for (var i = 0; i < n; i++) tasks[i] = Bodies.YieldThenReturn(i, CancellationToken.None);
        return Task.WhenAll(tasks);
    }

    /// <summary><c>Group.All</c> over children lifted with <c>Child.FromTask</c> (compare with the floor).</summary>
    public static ValueTask<Fin<Seq<int>>> GroupAllFromTask(int n)
    {
        var children = new Aff<GroupRuntime, int>[n];
        for (var i = 0; i < n; i++) children[i] = Bodies.FromTaskChild(i);
        return Group.All(children).RunAsync();
    }

    /// <summary>
    /// <c>Group.Traverse</c> over the task function <c>(i, ct) =&gt; YieldThenReturn(i, ct)</c>, the lifted fan-out with
    /// no value per child (compare with the floor: the same async method, the same N tasks).
    /// </summary>
    public static ValueTask<Fin<Seq<int>>> GroupTraverseTasks(int n) =>
        Group.Traverse(Enumerable.Range(0, n), Bodies.YieldThenReturn).RunAsync();

    /// <summary><c>Group.All</c> over <c>Prelude.Aff</c> children (compare with <see cref="HandWrittenAff"/>).</summary>
    public static ValueTask<Fin<Seq<int>>> GroupAllAff(int n)
    {
        var children = new Aff<GroupRuntime, int>[n];
        for (var i = 0; i < n; i++) children[i] = Bodies.AffChild(i);
        return Group.All(children).RunAsync();
    }

    /// <summary>
    /// What a user writes today: <c>Task.WhenAll</c> over the same Aff children's <c>Run(rt).AsTask()</c>, the
    /// errors collected by hand. No fail-fast, no cancellation of siblings.
    /// </summary>
    public static async Task<Fin<Seq<int>>> HandWrittenAff(int n)
    {
        var children = new Aff<GroupRuntime, int>[n];
        for (var i = 0; i < n; i++) children[i] = Bodies.AffChild(i);
        using var cts = new CancellationTokenSource();
        var rt = GroupRuntime.New(cts);
        var tasks = new Task<Fin<int>>[n];
        for (var i = 0; i < n; i++) tasks[i] = children[i].Run(rt).AsTask();
        return Bodies.Collect(await Task.WhenAll(tasks));
    }

    /// <summary>LanguageExt's <c>SequenceParallel</c> over the same Aff children (default window).</summary>
    public static ValueTask<Fin<Seq<int>>> SequenceParallel(int n)
    {
        var children = new Aff<GroupRuntime, int>[n];
        for (var i = 0; i < n; i++) children[i] = Bodies.AffChild(i);
        return Prelude.toSeq(children).SequenceParallel().RunAsync();
    }

    /// <summary>F# <c>Async.Parallel</c> over <c>async { do! Async.SwitchToThreadPool(); return i }</c>.</summary>
    public static Task<int[]> FSharpAsyncParallel(int n) => AsyncPeers.fanOut(n);

    /// <summary><c>Parallel.ForEachAsync</c> with default options over 0..N-1, storing into an array.</summary>
    public static async Task<int[]> ParallelForEachAsync(int n)
    {
        var results = new int[n];
        await Parallel.ForEachAsync(Enumerable.Range(0, n), async (i, _) =>
        {
            await Task.Yield();
            results[i] = i;
        });
        return results;
    }
}

/// <summary>Workload 1 at 10, 1,000 and 100,000 children (10 only under <c>--smoke</c>).</summary>
public class FanOut
{
    /// <summary>Number of children.</summary>
    [ParamsSource(nameof(Sizes))]
    public int N { get; set; }

    /// <summary>The values of <see cref="N"/>.</summary>
    public static IEnumerable<int> Sizes => BenchSizes.Children;

    [Benchmark(Baseline = true, Description = "Task.WhenAll (floor)")]
    public Task<int[]> RawWhenAll() => FanOutWorkload.RawWhenAll(N);

    [Benchmark(Description = "Group.All FromTask")]
    public ValueTask<Fin<Seq<int>>> GroupAllFromTask() => FanOutWorkload.GroupAllFromTask(N);

    [Benchmark(Description = "Group.Traverse task function")]
    public ValueTask<Fin<Seq<int>>> GroupTraverseTasks() => FanOutWorkload.GroupTraverseTasks(N);

    Aff<GroupRuntime, Seq<int>> prebuilt;

    /// <summary>Builds the lifted group once, for <see cref="GroupAllFromTaskPrebuilt"/>.</summary>
    [GlobalSetup(Target = nameof(GroupAllFromTaskPrebuilt))]
    public void BuildOnce()
    {
        var children = new Aff<GroupRuntime, int>[N];
        for (var i = 0; i < N; i++) children[i] = Bodies.FromTaskChild(i);
        prebuilt = Group.All(children);
    }

    /// <summary>
    /// The same lifted group, built once and run many times (effects are values, rule G8): the group's own cost per
    /// run, without the cost of building N child values.
    /// </summary>
    [Benchmark(Description = "Group.All FromTask, built once")]
    public ValueTask<Fin<Seq<int>>> GroupAllFromTaskPrebuilt() => prebuilt.RunAsync();

    [Benchmark(Description = "Group.All Aff")]
    public ValueTask<Fin<Seq<int>>> GroupAllAff() => FanOutWorkload.GroupAllAff(N);

    [Benchmark(Description = "Task.WhenAll Aff by hand")]
    public Task<Fin<Seq<int>>> HandWrittenAff() => FanOutWorkload.HandWrittenAff(N);

    [Benchmark(Description = "SequenceParallel")]
    public ValueTask<Fin<Seq<int>>> SequenceParallel() => FanOutWorkload.SequenceParallel(N);

    [Benchmark(Description = "F# Async.Parallel")]
    public Task<int[]> FSharpAsyncParallel() => FanOutWorkload.FSharpAsyncParallel(N);

    [Benchmark(Description = "Parallel.ForEachAsync")]
    public Task<int[]> ParallelForEachAsync() => FanOutWorkload.ParallelForEachAsync(N);
}
