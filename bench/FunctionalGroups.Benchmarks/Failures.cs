using BenchmarkDotNet.Attributes;
using LanguageExt;

namespace FunctionalGroups.Benchmarks;

/// <summary>
/// Workload 3, every child fails: the cost per captured failure. Each child awaits one gate and then fails.
/// The gate (a <c>TaskCompletionSource</c> with asynchronous continuations, so opening it queues every child's
/// continuation to the thread pool as a yield does) is opened only after every child has started: otherwise a
/// group's fail-fast (rule G2) would stop starting children after the first failure, and it would capture fewer than
/// N failures while the raw form captures N. Every peer gets the same gate.
/// </summary>
public static class FailuresWorkload
{
    /// <summary>Raw: <c>Task.WhenAll</c>, catch, then every task's exception collected by hand.</summary>
    public static async Task<List<Exception>> Raw(int n)
    {
        var gate = NewGate();
        var tasks = new Task<int>[n];
        for (var i = 0; i < n; i++) tasks[i] = ThrowAfter(gate.Task);
        gate.SetResult();
        try
        {
            await Task.WhenAll(tasks);
        }
        catch (InvalidOperationException)
        {
            // the first failure; every task's exception is collected below
        }
        var failures = new List<Exception>(n);
        foreach (var task in tasks)
            if (task.Exception is { } e) failures.Add(e.InnerException ?? e);
        return failures;
    }

    static async Task<int> ThrowAfter(Task gate)
    {
        await gate;
        throw Bodies.Failure();
    }

    /// <summary><c>Group.All</c> over <c>Child.FromTask</c> children that throw: a GroupError of N entries.</summary>
    public static async Task<Fin<Seq<int>>> GroupAllFromTask(int n)
    {
        var gate = NewGate();
        var children = new Aff<GroupRuntime, int>[n];
        for (var i = 0; i < n; i++) children[i] = Child.FromTask(_ => ThrowAfter(gate.Task));
        var running = Group.All(children).RunAsync();
        gate.SetResult();
        return await running;
    }

    /// <summary><c>Group.All</c> over Aff children that return a failed <c>Fin</c> (no exception).</summary>
    public static async Task<Fin<Seq<int>>> GroupAllAff(int n)
    {
        var gate = NewGate();
        var running = Group.All(AffChildren(n, gate.Task)).RunAsync();
        gate.SetResult();
        return await running;
    }

    /// <summary>The same Aff children by hand: <c>Task.WhenAll</c> over <c>Run(rt).AsTask()</c>, errors collected by hand.</summary>
    public static async Task<Fin<Seq<int>>> HandWrittenAff(int n)
    {
        var gate = NewGate();
        var children = AffChildren(n, gate.Task);
        using var cts = new CancellationTokenSource();
        var rt = GroupRuntime.New(cts);
        var tasks = new Task<Fin<int>>[n];
        for (var i = 0; i < n; i++) tasks[i] = children[i].Run(rt).AsTask();
        gate.SetResult();
        return Bodies.Collect(await Task.WhenAll(tasks));
    }

    static TaskCompletionSource NewGate() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    static Aff<GroupRuntime, int>[] AffChildren(int n, Task gate)
    {
        var children = new Aff<GroupRuntime, int>[n];
        for (var i = 0; i < n; i++)
            children[i] = Prelude.AffMaybe<GroupRuntime, int>(async _ =>
            {
                await gate;
                return Fin<int>.Fail(Bodies.FailureValue());
            });
        return children;
    }
}

/// <summary>Workload 3 at 10, 1,000 and 100,000 children.</summary>
public class EveryChildFails
{
    /// <summary>Number of children, all failing.</summary>
    [ParamsSource(nameof(Sizes))]
    public int N { get; set; }

    /// <summary>The values of <see cref="N"/>.</summary>
    public static IEnumerable<int> Sizes => BenchSizes.Children;

    [Benchmark(Baseline = true, Description = "Task.WhenAll + collect (raw)")]
    public Task<List<Exception>> Raw() => FailuresWorkload.Raw(N);

    [Benchmark(Description = "Group.All FromTask")]
    public Task<Fin<Seq<int>>> GroupAllFromTask() => FailuresWorkload.GroupAllFromTask(N);

    [Benchmark(Description = "Group.All Aff")]
    public Task<Fin<Seq<int>>> GroupAllAff() => FailuresWorkload.GroupAllAff(N);

    [Benchmark(Description = "Task.WhenAll Aff by hand")]
    public Task<Fin<Seq<int>>> HandWrittenAff() => FailuresWorkload.HandWrittenAff(N);
}
