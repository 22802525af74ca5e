using BenchmarkDotNet.Attributes;
using LanguageExt;

namespace FunctionalGroups.Benchmarks;

/// <summary>
/// The policies' workloads: <c>Group.Traverse</c> streaming 1,000,000 items 16 at a time against
/// <c>Parallel.ForEachAsync</c> with the same limit, and the cost of <c>Settle</c>, <c>Validate</c> and <c>Race</c>
/// against <c>Group.All</c> on the fan-out body.
/// </summary>
public static class PolicyWorkload
{
    /// <summary>The limit of both streaming forms.</summary>
    public const int Limit = 16;

    /// <summary><c>Group.Traverse</c> over 0..N-1 at most <see cref="Limit"/> at once; each child is made as it starts.</summary>
    public static ValueTask<Fin<Seq<int>>> GroupTraverse(int n) =>
        Group.Traverse(Enumerable.Range(0, n), Bodies.FromTaskChild, GroupOptions.Default with { MaxParallelism = Limit }).RunAsync();

    /// <summary><c>Group.Traverse</c> over the task function <c>YieldThenReturn</c>, at most <see cref="Limit"/> at once:
    /// nothing made per item but the item's task.</summary>
    public static ValueTask<Fin<Seq<int>>> GroupTraverseTasks(int n) =>
        Group.Traverse(Enumerable.Range(0, n), Bodies.YieldThenReturn, GroupOptions.Default with { MaxParallelism = Limit }).RunAsync();

    /// <summary><c>Parallel.ForEachAsync</c> over 0..N-1 with <c>MaxDegreeOfParallelism</c> = <see cref="Limit"/>.</summary>
    public static async Task<int[]> ParallelForEachAsync(int n)
    {
        var results = new int[n];
        await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = Limit }, async (i, ct) =>
        {
            results[i] = await Bodies.YieldThenReturn(i, ct);
        });
        return results;
    }

    static Aff<GroupRuntime, int>[] Children(int n)
    {
        var children = new Aff<GroupRuntime, int>[n];
        for (var i = 0; i < n; i++) children[i] = Bodies.FromTaskChild(i);
        return children;
    }

    /// <summary><c>Group.All</c> over lifted fan-out children.</summary>
    public static ValueTask<Fin<Seq<int>>> All(int n) => Group.All(Children(n)).RunAsync();

    /// <summary><c>Group.Settle</c> over the same children.</summary>
    public static ValueTask<Fin<Seq<Fin<int>>>> Settle(int n) => Group.Settle(Children(n)).RunAsync();

    /// <summary><c>Group.Validate</c> over the same children.</summary>
    public static ValueTask<Fin<Seq<int>>> Validate(int n) => Group.Validate(Children(n)).RunAsync();

    /// <summary><c>Group.Race</c> over the same children: the first to finish wins, the rest are cancelled and joined.</summary>
    public static ValueTask<Fin<int>> Race(int n) => Group.Race(Children(n)).RunAsync();
}

/// <summary>Streaming: 1,000,000 items, 16 at a time (1,000 under smoke).</summary>
public class TraverseStreaming
{
    /// <summary>Number of items.</summary>
    [ParamsSource(nameof(Sizes))]
    public int N { get; set; }

    /// <summary>The values of <see cref="N"/>.</summary>
    public static IEnumerable<int> Sizes => BenchSizes.Scale;

    [Benchmark(Baseline = true, Description = "Parallel.ForEachAsync, 16 at once")]
    public Task<int[]> ParallelForEachAsync() => PolicyWorkload.ParallelForEachAsync(N);

    [Benchmark(Description = "Group.Traverse, 16 at once")]
    public ValueTask<Fin<Seq<int>>> GroupTraverse() => PolicyWorkload.GroupTraverse(N);

    [Benchmark(Description = "Group.Traverse task function, 16 at once")]
    public ValueTask<Fin<Seq<int>>> GroupTraverseTasks() => PolicyWorkload.GroupTraverseTasks(N);
}

/// <summary>The cost of each policy against <c>Group.All</c>, on the fan-out body.</summary>
public class PolicyCost
{
    /// <summary>Number of children.</summary>
    [ParamsSource(nameof(Sizes))]
    public int N { get; set; }

    /// <summary>The values of <see cref="N"/>.</summary>
    public static IEnumerable<int> Sizes => BenchSizes.Smoke ? [10] : [1_000, 100_000];

    [Benchmark(Baseline = true, Description = "Group.All")]
    public ValueTask<Fin<Seq<int>>> All() => PolicyWorkload.All(N);

    [Benchmark(Description = "Group.Settle")]
    public ValueTask<Fin<Seq<Fin<int>>>> Settle() => PolicyWorkload.Settle(N);

    [Benchmark(Description = "Group.Validate")]
    public ValueTask<Fin<Seq<int>>> Validate() => PolicyWorkload.Validate(N);

    [Benchmark(Description = "Group.Race")]
    public ValueTask<Fin<int>> Race() => PolicyWorkload.Race(N);
}
