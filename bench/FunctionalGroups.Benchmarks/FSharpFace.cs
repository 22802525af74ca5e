using BenchmarkDotNet.Attributes;
using FunctionalGroups.Benchmarks.FSharp;
using LanguageExt;

namespace FunctionalGroups.Benchmarks;

/// <summary>
/// The F# face (issue 13): F# <c>Group.all</c> over <c>Child.ofAsync</c> and over <c>Child.ofTask</c> children, next to
/// F# <c>Async.Parallel</c> over the same Async children and the C# <c>Group.All</c> over <c>Child.FromTask</c> with the
/// same task body, at the fan-out sizes. Targets: the F# rows within 1.2× of the C# row, and faster than
/// <c>Async.Parallel</c> at 1,000 and 100,000.
/// </summary>
public class FSharpFace
{
    /// <summary>Number of children.</summary>
    [ParamsSource(nameof(Sizes))]
    public int N { get; set; }

    /// <summary>The values of <see cref="N"/>.</summary>
    public static IEnumerable<int> Sizes => BenchSizes.Children;

    [Benchmark(Baseline = true, Description = "F# Async.Parallel")]
    public Task<int[]> AsyncParallel() => AsyncPeers.fanOut(N);

    [Benchmark(Description = "F# Group.all ofAsync")]
    public Task<int[]> GroupAllOfAsync() => FaceWorkloads.groupAllOfAsync(N);

    [Benchmark(Description = "F# Group.all ofTask")]
    public Task<int[]> GroupAllOfTask() => FaceWorkloads.groupAllOfTask(N);

    [Benchmark(Description = "C# Group.All FromTask")]
    public ValueTask<Fin<Seq<int>>> GroupAllFromTask() => FanOutWorkload.GroupAllFromTask(N);
}

/// <summary>
/// <c>par { let! … and! … }</c> of 8 Async sources against F# <c>Async.Parallel</c> of the same 8 (target: no slower).
/// Per child: divide by 8.
/// </summary>
public class FSharpPar
{
    [Benchmark(Baseline = true, Description = "F# Async.Parallel of 8")]
    public Task<int> AsyncParallelOf8() => FaceWorkloads.asyncParallelOf8();

    [Benchmark(Description = "par of 8 sources")]
    public Task<int> ParOf8() => FaceWorkloads.parOf8();
}
