using BenchmarkDotNet.Attributes;
using LanguageExt;

namespace FunctionalGroups.Benchmarks;

/// <summary>
/// Workload 5, scope spawns: a scope's body spawns N fan-out children one after the other (each spawn run with
/// <c>await scope.Spawn(child).Run(rt)</c>, its handle dropped) and returns; the scope joins them all. Compared with
/// <c>Group.All</c> over the same N children: the price of a spawn over a child of a fixed list.
/// </summary>
public static class ScopeSpawnWorkload
{
    /// <summary>The scope: N spawns of the fan-out child (<see cref="Bodies.FromTaskChild"/>), handles dropped.</summary>
    public static ValueTask<Fin<Unit>> Spawn(int n) =>
        Group.Scope<Unit>(scope => Prelude.Aff<GroupRuntime, Unit>(async rt =>
        {
            for (var i = 0; i < n; i++) (await scope.Spawn(Bodies.FromTaskChild(i)).Run(rt)).ThrowIfFail();
            return Prelude.unit;
        })).RunAsync();

    /// <summary>For <c>--check</c>: the same spawns with their handles kept; gives every child's value, read from its
    /// handle after the scope ended (so the check sees that each child ran and gave its value).</summary>
    public static async Task<int[]> SpawnKeepingHandles(int n)
    {
        var handles = new ChildHandle<GroupRuntime, int>[n];
        var fin = await Group.Scope<Unit>(scope => Prelude.Aff<GroupRuntime, Unit>(async rt =>
        {
            for (var i = 0; i < n; i++) handles[i] = (await scope.Spawn(Bodies.FromTaskChild(i)).Run(rt)).ThrowIfFail();
            return Prelude.unit;
        })).RunAsync();
        return fin.IsSucc ? handles.Select(static h => h.Result.Match(static r => r.IfFail(-1), static () => -1)).ToArray() : [];
    }

    /// <summary><c>Group.All</c> over the same lifted children (the comparison).</summary>
    public static ValueTask<Fin<Seq<int>>> All(int n)
    {
        var children = new Aff<GroupRuntime, int>[n];
        for (var i = 0; i < n; i++) children[i] = Bodies.FromTaskChild(i);
        return Group.All(children).RunAsync();
    }
}

/// <summary>Workload 5 at 10, 1,000 and 100,000 children (10 only under <c>--smoke</c>).</summary>
public class ScopeSpawn
{
    /// <summary>Number of children.</summary>
    [ParamsSource(nameof(Sizes))]
    public int N { get; set; }

    /// <summary>The values of <see cref="N"/>.</summary>
    public static IEnumerable<int> Sizes => BenchSizes.Children;

    [Benchmark(Baseline = true, Description = "Group.All FromTask")]
    public ValueTask<Fin<Seq<int>>> All() => ScopeSpawnWorkload.All(N);

    [Benchmark(Description = "Group.Scope spawns, handles dropped")]
    public ValueTask<Fin<Unit>> Spawn() => ScopeSpawnWorkload.Spawn(N);
}
