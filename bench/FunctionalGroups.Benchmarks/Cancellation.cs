using BenchmarkDotNet.Attributes;
using LanguageExt;
using LanguageExt.Common;

namespace FunctionalGroups.Benchmarks;

/// <summary>
/// Workload 2, cancellation latency: N-1 children wait on a cancellable wait that never completes by itself
/// (<c>Task.Delay(Timeout.Infinite, ct)</c>); the last child fails after one yield. Measured: from the start
/// (building the children included) to the moment the whole group has completed, every waiter cancelled and joined.
/// The failing child is the last one, so every waiter has started (and registered on the token) before the failure.
/// </summary>
public static class CancellationWorkload
{
    /// <summary>
    /// The raw form: one <c>CancellationTokenSource</c>, children observing its token, the failing child cancels
    /// it; <c>Task.WhenAll</c>, catch, then the real failures picked out by hand.
    /// </summary>
    public static async Task<int> Raw(int n)
    {
        using var cts = new CancellationTokenSource();
        var tasks = new Task<int>[n];
        for (var i = 0; i < n - 1; i++) tasks[i] = Bodies.WaitForever(cts.Token);
        tasks[n - 1] = FailAndCancel(cts);
        try
        {
            await Task.WhenAll(tasks);
        }
        catch (InvalidOperationException)
        {
            // the failure; every task's outcome is read below
        }
        var failures = 0;
        foreach (var task in tasks)
            if (task.IsFaulted) failures++;
        return failures;
    }

    static async Task<int> FailAndCancel(CancellationTokenSource cts)
    {
        await Task.Yield();
        cts.Cancel();
        throw Bodies.Failure();
    }

    /// <summary><c>Group.All</c> over <c>Child.FromTask</c> children: the waiters get the group's token.</summary>
    public static ValueTask<Fin<Seq<int>>> GroupAllFromTask(int n)
    {
        var children = new Aff<GroupRuntime, int>[n];
        for (var i = 0; i < n - 1; i++) children[i] = Child.FromTask(Bodies.WaitForever);
        children[n - 1] = Child.FromTask<int>(async _ =>
        {
            await Task.Yield();
            throw Bodies.Failure();
        });
        return Group.All(children).RunAsync();
    }

    /// <summary>
    /// <c>Group.All</c> over <c>Prelude.Aff</c> children: the waiters observe the runtime's token, the failing child
    /// returns a failed <c>Fin</c> (no exception).
    /// </summary>
    public static ValueTask<Fin<Seq<int>>> GroupAllAff(int n) => Group.All(AffChildren(n)).RunAsync();

    /// <summary>
    /// The same Aff children by hand: <c>Task.WhenAll</c> over <c>Run(rt).AsTask()</c>, each wrapped so that a
    /// failure cancels the runtime's source, then the real failures picked out by hand.
    /// </summary>
    public static async Task<int> HandWrittenAff(int n)
    {
        var children = AffChildren(n);
        using var cts = new CancellationTokenSource();
        var rt = GroupRuntime.New(cts);
        var tasks = new Task<Fin<int>>[n];
        for (var i = 0; i < n; i++) tasks[i] = CancelOnFailure(children[i].Run(rt), cts);
        var outcomes = await Task.WhenAll(tasks);
        var failures = 0;
        foreach (var outcome in outcomes)
            if (outcome.IsFail && !((Error)outcome).Is<OperationCanceledException>()) failures++;
        return failures;
    }

    static async Task<Fin<int>> CancelOnFailure(ValueTask<Fin<int>> running, CancellationTokenSource cts)
    {
        var outcome = await running;
        if (outcome.IsFail) cts.Cancel();
        return outcome;
    }

    static Aff<GroupRuntime, int>[] AffChildren(int n)
    {
        var children = new Aff<GroupRuntime, int>[n];
        for (var i = 0; i < n - 1; i++)
            children[i] = Prelude.Aff<GroupRuntime, int>(async rt =>
            {
                await Task.Delay(Timeout.Infinite, rt.CancellationToken);
                return 0;
            });
        children[n - 1] = Prelude.AffMaybe<GroupRuntime, int>(async _ =>
        {
            await Task.Yield();
            return Fin<int>.Fail(Bodies.FailureValue());
        });
        return children;
    }
}

/// <summary>Workload 2 at 10, 1,000 and 100,000 children.</summary>
public class CancellationLatency
{
    /// <summary>Number of children (N-1 waiters and one failing child).</summary>
    [ParamsSource(nameof(Sizes))]
    public int N { get; set; }

    /// <summary>The values of <see cref="N"/>.</summary>
    public static IEnumerable<int> Sizes => BenchSizes.Children;

    [Benchmark(Baseline = true, Description = "CTS + Task.WhenAll (raw)")]
    public Task<int> Raw() => CancellationWorkload.Raw(N);

    [Benchmark(Description = "Group.All FromTask")]
    public ValueTask<Fin<Seq<int>>> GroupAllFromTask() => CancellationWorkload.GroupAllFromTask(N);

    [Benchmark(Description = "Group.All Aff")]
    public ValueTask<Fin<Seq<int>>> GroupAllAff() => CancellationWorkload.GroupAllAff(N);

    [Benchmark(Description = "Task.WhenAll Aff by hand")]
    public Task<int> HandWrittenAff() => CancellationWorkload.HandWrittenAff(N);
}
