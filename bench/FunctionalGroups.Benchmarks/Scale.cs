using BenchmarkDotNet.Attributes;
using LanguageExt;

namespace FunctionalGroups.Benchmarks;

/// <summary>
/// Workload 4, scale: 1,000,000 children in one group; the fan-out workload's four .NET forms that compare a
/// group with its floor. Bytes per child at 1,000 and 100,000 come from <see cref="FanOut"/>; the peak memory from
/// <c>--scale</c> (<see cref="ScaleProbe"/>), one fresh process per measurement.
/// </summary>
public class Scale
{
    /// <summary>Number of children.</summary>
    [ParamsSource(nameof(Sizes))]
    public int N { get; set; }

    /// <summary>The values of <see cref="N"/>.</summary>
    public static IEnumerable<int> Sizes => BenchSizes.Scale;

    [Benchmark(Baseline = true, Description = "Task.WhenAll (floor)")]
    public Task<int[]> RawWhenAll() => FanOutWorkload.RawWhenAll(N);

    [Benchmark(Description = "Group.All FromTask")]
    public ValueTask<Fin<Seq<int>>> GroupAllFromTask() => FanOutWorkload.GroupAllFromTask(N);

    [Benchmark(Description = "Group.All Aff")]
    public ValueTask<Fin<Seq<int>>> GroupAllAff() => FanOutWorkload.GroupAllAff(N);

    [Benchmark(Description = "Task.WhenAll Aff by hand")]
    public Task<Fin<Seq<int>>> HandWrittenAff() => FanOutWorkload.HandWrittenAff(N);
}
