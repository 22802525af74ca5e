using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace FunctionalGroups.Benchmarks;

/// <summary>
/// <c>--stream-memory [N]</c>: a generator of N items (10,000,000 by default) at parallelism 16 keeps a flat heap.
/// Each peer of workload 7 that keeps nothing per item (<c>Group.StreamUnordered</c>, <c>Group.Stream</c>,
/// <c>Parallel.ForEachAsync</c>, the channel pipeline) runs in a fresh process (<c>--stream-memory-one VARIANT N</c>);
/// the heap is sampled every 1,024 items (every hundredth of a shorter run) (<c>GC.GetTotalMemory(false)</c>, its peak, and
/// <c>GC.GetGCMemoryInfo().HeapSizeBytes</c> at the last GC), and read after a full GC at the first sample past each tenth of the run.
/// </summary>
public static class StreamMemoryProbe
{
    /// <summary>The variants, by index.</summary>
    static readonly (string Name, Func<long, Action<long>, Task<long>> Run)[] Variants =
    [
        ("Group.StreamUnordered, 16", StreamingWorkload.StreamUnordered),
        ("Group.Stream ordered, 16, window 32", StreamingWorkload.StreamOrdered),
        ("Parallel.ForEachAsync, 16", StreamingWorkload.ParallelForEachAsync),
        ("Channel pipeline, 16 workers", StreamingWorkload.ChannelPipeline),
    ];

    /// <summary>One variant's run, printed as one JSON line by the fresh process. Bytes are above the baseline (the
    /// heap after a full GC before the run).</summary>
    public sealed record Run(string Variant, long Items, long BaselineBytes, double Seconds, long PeakHeapBytes,
        long PeakGcHeapSizeBytes, long[] HeapAfterGcAtTenths);

    /// <summary>Samples the heap; called for every item, reads it every <c>every</c> items (two workers racing only
    /// lose or repeat a sample).</summary>
    sealed class Sampler(long total, long baseline)
    {
        readonly long every = Math.Clamp(total / 100, 1, 1024);
        long peak, peakGcHeap, nextTenth = total / 10;
        public readonly List<long> AfterGc = [];

        public long Peak => peak;

        public long PeakGcHeap => peakGcHeap;

        public void Sample(long done)
        {
            if (done % every != 0) return;
            var heap = GC.GetTotalMemory(forceFullCollection: false) - baseline;
            if (heap > peak) peak = heap;
            var gcHeap = GC.GetGCMemoryInfo().HeapSizeBytes - baseline;
            if (gcHeap > peakGcHeap) peakGcHeap = gcHeap;
            if (done >= Volatile.Read(ref nextTenth))
            {
                lock (AfterGc)
                {
                    if (done < nextTenth) return;
                    nextTenth += total / 10;
                    AfterGc.Add(GC.GetTotalMemory(forceFullCollection: true) - baseline);
                }
            }
        }
    }

    /// <summary>Runs every variant in a fresh process; prints a table.</summary>
    public static async Task<int> RunAll(long items)
    {
        var lines = new List<string>
        {
            $"{items:N0} items from a generator, parallelism 16 (bytes above the heap before the run)",
            "",
            "| peer | seconds | peak heap, no GC (MiB) | peak GC heap size (MiB) | after full GC, first tenth → last (KiB) |",
            "| --- | ---: | ---: | ---: | ---: |",
        };
        for (var v = 0; v < Variants.Length; v++)
        {
            var run = await RunInFreshProcess(v, items);
            if (run is null) return 1;
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {run.Variant} | {run.Seconds:F1} | {run.PeakHeapBytes / 1048576.0:F1} | {run.PeakGcHeapSizeBytes / 1048576.0:F1} | " +
                $"{run.HeapAfterGcAtTenths.FirstOrDefault() / 1024.0:N0} → {run.HeapAfterGcAtTenths.LastOrDefault() / 1024.0:N0} |"));
        }
        Console.WriteLine(string.Join(Environment.NewLine, lines));
        return 0;
    }

    static async Task<Run?> RunInFreshProcess(int variant, long items)
    {
        var host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") start.ArgumentList.Add(typeof(StreamMemoryProbe).Assembly.Location);
        start.ArgumentList.Add("--stream-memory-one");
        start.ArgumentList.Add(variant.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(items.ToString(CultureInfo.InvariantCulture));
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith('{'));
        if (process.ExitCode != 0 || line is null)
        {
            await Console.Error.WriteLineAsync($"--stream-memory-one {variant} failed (exit {process.ExitCode}): {output}");
            return null;
        }
        return JsonSerializer.Deserialize<Run>(line);
    }

    /// <summary>One variant in this process (a fresh one: see <see cref="RunAll"/>); prints its JSON line.</summary>
    public static async Task<int> RunOne(int variant, long items)
    {
        var run = await Measure(variant, items);
        if (run is null) return 1;
        Console.WriteLine(JsonSerializer.Serialize(run));
        return 0;
    }

    /// <summary>Runs one variant over <paramref name="items"/> items and samples the heap; null when it gave the wrong sum.
    /// Also the smoke check (at a few thousand items, in the smoke's process).</summary>
    public static async Task<Run?> Measure(int variant, long items)
    {
        var (name, run) = Variants[variant];
        // Warm-up, so that JIT and pool growth are not counted.
        var warmUp = Math.Min(items, 10_000);
        if (await run(warmUp, _ => { }) != StreamingWorkload.Expected(warmUp)) return null;
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var sampler = new Sampler(items, baseline);
        var clock = Stopwatch.StartNew();
        var sum = await run(items, sampler.Sample);
        var seconds = clock.Elapsed.TotalSeconds;
        if (sum != StreamingWorkload.Expected(items))
        {
            await Console.Error.WriteLineAsync($"{name}: sum {sum}, expected {StreamingWorkload.Expected(items)}");
            return null;
        }
        return new Run(name, items, baseline, seconds, sampler.Peak, sampler.PeakGcHeap, [.. sampler.AfterGc]);
    }

    /// <summary>The number of variants (for the checks).</summary>
    public static int Count => Variants.Length;
}
