using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace FunctionalGroups.Benchmarks;

/// <summary>
/// <c>--scale</c>: time, allocated bytes per child and peak memory of one fan-out run at 1,000, 100,000 and
/// 1,000,000 children, each measured in a fresh process (<c>--scale-one PEER N</c>) so that peaks do not mix.
/// </summary>
/// <remarks>
/// In the fresh process: 20 warm-up runs at 1,000 children, a full blocking GC, then the measured run.
/// <list type="bullet">
/// <item>allocated: <c>GC.GetTotalAllocatedBytes(precise: true)</c> after minus before (every thread counted);</item>
/// <item>peak heap: the largest <c>GC.GetTotalMemory(false)</c> sampled every millisecond by a sampler thread,
/// minus the heap after the GC before the run;</item>
/// <item>peak working set: <c>Process.PeakWorkingSet64</c> (Linux VmHWM) after the run minus
/// <c>Environment.WorkingSet</c> before it: the extra resident memory the run needed, runtime overhead included;</item>
/// <item>time: the median of three runs (the first is the one whose memory is reported).</item>
/// </list>
/// </remarks>
public static class ScaleProbe
{
    /// <summary>The forms measured, by index: the four fan-out forms, then the two streaming ones (16 at once).</summary>
    public static readonly (string Name, Func<int, Task<bool>> Run)[] Peers =
    [
        ("Task.WhenAll (floor)", async n => (await FanOutWorkload.RawWhenAll(n)).Length == n),
        ("Group.All FromTask", async n => (await FanOutWorkload.GroupAllFromTask(n)).Map(s => s.Count).IfFail(-1) == n),
        ("Group.All Aff", async n => (await FanOutWorkload.GroupAllAff(n)).Map(s => s.Count).IfFail(-1) == n),
        ("Task.WhenAll Aff by hand", async n => (await FanOutWorkload.HandWrittenAff(n)).Map(s => s.Count).IfFail(-1) == n),
        ("Parallel.ForEachAsync, 16 at once", async n => (await PolicyWorkload.ParallelForEachAsync(n)).Length == n),
        ("Group.Traverse, 16 at once", async n => (await PolicyWorkload.GroupTraverse(n)).Map(s => s.Count).IfFail(-1) == n),
        ("Group.Traverse task function, 16 at once", async n => (await PolicyWorkload.GroupTraverseTasks(n)).Map(s => s.Count).IfFail(-1) == n),
        ("Group.Traverse task function", async n => (await FanOutWorkload.GroupTraverseTasks(n)).Map(s => s.Count).IfFail(-1) == n),
    ];

    static readonly int[] Sizes = [1_000, 100_000, 1_000_000];

    /// <summary>One measurement, printed as one JSON line.</summary>
    public sealed record Measurement(
        string Peer, int N, double Milliseconds, long AllocatedBytes, double BytesPerChild,
        long PeakHeapDeltaBytes, long PeakWorkingSetDeltaBytes, int Gen0, int Gen1, int Gen2);

    static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Runs every peer at every size, each in a fresh process; prints a table and writes JSON.</summary>
    public static async Task<int> RunAll(string outputPath)
    {
        var results = new List<Measurement>();
        for (var peer = 0; peer < Peers.Length; peer++)
        {
            foreach (var n in Sizes)
            {
                var measurement = await RunInFreshProcess(peer, n);
                if (measurement is null) return 1;
                results.Add(measurement);
                Console.WriteLine($"  {measurement.Peer,-26} N={n,9:N0}  {measurement.Milliseconds,9:F1} ms  " +
                                  $"{measurement.BytesPerChild,6:F0} B/child  peak heap +{measurement.PeakHeapDeltaBytes / 1048576.0:F0} MiB  " +
                                  $"peak WS +{measurement.PeakWorkingSetDeltaBytes / 1048576.0:F0} MiB");
            }
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputPath))!);
        await File.WriteAllTextAsync(outputPath, JsonSerializer.Serialize(results, Json));
        Console.WriteLine();
        Console.WriteLine(Markdown(results));
        Console.WriteLine($"written: {outputPath}");
        return 0;
    }

    /// <summary>The results as a markdown table.</summary>
    public static string Markdown(IEnumerable<Measurement> results)
    {
        var lines = new List<string>
        {
            "| peer | N | time (ms) | ns/child | allocated B/child | peak heap (MiB) | peak working set (MiB) | GCs (0/1/2) |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        };
        foreach (var m in results)
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {m.Peer} | {m.N:N0} | {m.Milliseconds:F1} | {m.Milliseconds * 1e6 / m.N:F0} | {m.BytesPerChild:F0} | " +
                $"{m.PeakHeapDeltaBytes / 1048576.0:F1} | {m.PeakWorkingSetDeltaBytes / 1048576.0:F1} | {m.Gen0}/{m.Gen1}/{m.Gen2} |"));
        return string.Join(Environment.NewLine, lines);
    }

    static async Task<Measurement?> RunInFreshProcess(int peer, int n)
    {
        var host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, UseShellExecute = false };
        // Under `dotnet app.dll` the host is dotnet and needs the assembly; an apphost runs as it is.
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") start.ArgumentList.Add(typeof(ScaleProbe).Assembly.Location);
        foreach (var arg in new[] { "--scale-one", peer.ToString(CultureInfo.InvariantCulture), n.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith('{'));
        if (process.ExitCode != 0 || line is null)
        {
            await Console.Error.WriteLineAsync($"--scale-one {peer} {n} failed (exit {process.ExitCode}): {output}");
            return null;
        }
        return JsonSerializer.Deserialize<Measurement>(line);
    }

    /// <summary>One measurement in this process (a fresh one: see <see cref="RunAll"/>).</summary>
    public static async Task<int> RunOne(int peer, int n)
    {
        var (name, run) = Peers[peer];
        for (var i = 0; i < 20; i++)
            if (!await run(1_000)) return Fail(name, 1_000);
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);

        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var workingSetBefore = Environment.WorkingSet;
        var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        long peakHeap = heapBefore;
        using var stop = new CancellationTokenSource();
        var sampler = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var heap = GC.GetTotalMemory(forceFullCollection: false);
                if (heap > peakHeap) peakHeap = heap;
                Thread.Sleep(1);
            }
        }) { IsBackground = true, Priority = ThreadPriority.AboveNormal };
        sampler.Start();

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var ok = await run(n);
        var first = clock.Elapsed.TotalMilliseconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        stop.Cancel();
        sampler.Join();
        if (!ok) return Fail(name, n);
        var gcs = (GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2);
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var peakWorkingSet = self.PeakWorkingSet64;

        var times = new List<double> { first };
        for (var i = 0; i < 2; i++)
        {
            clock.Restart();
            if (!await run(n)) return Fail(name, n);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();

        var measurement = new Measurement(name, n, times[1], allocated, (double)allocated / n,
            peakHeap - heapBefore, peakWorkingSet - workingSetBefore, gcs.Item1, gcs.Item2, gcs.Item3);
        Console.WriteLine(JsonSerializer.Serialize(measurement));
        return 0;
    }

    static int Fail(string name, int n)
    {
        Console.Error.WriteLine($"{name} at N={n} did not give N values in order");
        return 1;
    }
}
