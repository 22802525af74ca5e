using System.Globalization;
using System.Text;
using System.Text.Json;
using ScottPlot;

// Reads the suite's results and writes the plots and the tables of bench/README.md:
//   BenchmarkDotNet's *-report-brief.json (FanOut, Scale, CancellationLatency, EveryChildFails; tables only:
//   TraverseStreaming, ScopeSpawn, FSharpFace, FSharpPar),
//   scale.json (dotnet run ... -- --scale) and asyncio_taskgroup.json (python3 bench/asyncio_taskgroup.py --json).
// Usage: dotnet run --project bench/FunctionalGroups.Benchmarks.Plot -- [--results DIR] [--out DIR]
//   --results  where the three kinds of files are (default BenchmarkDotNet.Artifacts/results)
//   --out      where the PNGs and results.md go (default bench/results)

var options = ParseArgs(args);
var resultsDir = options.GetValueOrDefault("--results", "BenchmarkDotNet.Artifacts/results");
var outDir = options.GetValueOrDefault("--out", "bench/results");
Directory.CreateDirectory(outDir);

var (points, machine) = Results.LoadBenchmarkDotNet(resultsDir);
var python = Results.LoadPython(Path.Combine(resultsDir, "asyncio_taskgroup.json"));
points.AddRange(python.Points);
var scale = Results.LoadScale(Path.Combine(resultsDir, "scale.json"));
if (points.Count == 0)
{
    Console.Error.WriteLine($"no results found in {resultsDir}");
    return 1;
}

foreach (var workload in Results.Workloads.Where(w => w.PlotFile is not null))
{
    var file = Path.Combine(outDir, workload.PlotFile!);
    Plots.TimePerChild(points.Where(p => p.Workload == workload.Name).ToList(), workload.Title, file);
    Console.WriteLine($"written: {file}");
}

var markdown = Tables.Markdown(points, scale, machine, python.Version);
var tablePath = Path.Combine(outDir, "results.md");
File.WriteAllText(tablePath, markdown);
Console.WriteLine($"written: {tablePath}");
return 0;

static Dictionary<string, string> ParseArgs(string[] args)
{
    var options = new Dictionary<string, string>();
    for (var i = 0; i + 1 < args.Length; i += 2) options[args[i]] = args[i + 1];
    return options;
}

/// <summary>One measurement: a peer's median time (ns) and allocated bytes for one run of N children.</summary>
sealed record Point(string Workload, string Peer, int N, double MedianNs, double? Bytes)
{
    public double NsPerChild => MedianNs / N;
    public double? BytesPerChild => Bytes / N;
}

/// <summary>One line of --scale's JSON (see ScaleProbe in the suite).</summary>
sealed record ScaleMeasurement(
    string Peer, int N, double Milliseconds, long AllocatedBytes, double BytesPerChild,
    long PeakHeapDeltaBytes, long PeakWorkingSetDeltaBytes, int Gen0, int Gen1, int Gen2);

/// <summary>
/// A workload: the benchmark classes whose rows it holds, its floor (or baseline) and, when it has one, its plot.
/// </summary>
/// <param name="FloorColumn">The title of the ratio-to-floor column.</param>
/// <param name="PlotFile">The PNG, or null for a workload shown only as a table.</param>
/// <param name="FixedN">The children per run of a class with no N parameter (its N column and the divisor per child).</param>
/// <param name="Second">A second ratio column: its title, the peer it divides by, and the peers it is shown for.</param>
sealed record Workload(
    string Name, string Title, string Floor, string? PlotFile, string[] BenchmarkTypes,
    string FloorColumn = "× floor", int? FixedN = null, (string Column, string Peer, string[] For)? Second = null);

static class Results
{
    public const string Python = "CPython asyncio.TaskGroup";

    public static readonly Workload[] Workloads =
    [
        new("fan-out", "Fan-out: children that yield once and return i", "Task.WhenAll (floor)", "time-per-child.png", ["FanOut", "Scale"]),
        new("cancellation", "Cancellation latency: N-1 waiters, one child fails", "CTS + Task.WhenAll (raw)", "cancellation-per-child.png", ["CancellationLatency"]),
        new("failures", "Every child fails: cost per captured failure", "Task.WhenAll + collect (raw)", "failures-per-child.png", ["EveryChildFails"]),
    ];

    /// <summary>The workloads shown only as tables (issue 13's classes and the streaming one); no CPython peer.</summary>
    public static readonly Workload[] TableOnly =
    [
        new("streaming", "Streaming: 1,000,000 items, 16 at once", "Parallel.ForEachAsync, 16 at once", null, ["TraverseStreaming"],
            "× baseline"),
        new("scope-spawn", "Scope spawns: N children spawned one after the other, handles dropped, against Group.All", "Group.All FromTask",
            null, ["ScopeSpawn"], "× baseline"),
        new("fsharp-face", "The F# face: Group.all over Child.ofAsync and Child.ofTask, against Async.Parallel and the C# Group.All",
            "F# Async.Parallel", null, ["FSharpFace"], "× baseline",
            Second: ("× C#", "C# Group.All FromTask", ["F# Group.all ofAsync", "F# Group.all ofTask"])),
        new("fsharp-par", "F# par { } of 8 sources against Async.Parallel of the same 8 (N = 8: per child = per run / 8)",
            "F# Async.Parallel of 8", null, ["FSharpPar"], "× baseline", FixedN: 8),
    ];

    /// <summary>Every workload: the plotted ones, then the tables only.</summary>
    public static IEnumerable<Workload> All => Workloads.Concat(TableOnly);

    public static (List<Point> Points, string Machine) LoadBenchmarkDotNet(string dir)
    {
        var points = new List<Point>();
        var machine = "";
        if (!Directory.Exists(dir)) return (points, machine);
        foreach (var file in Directory.GetFiles(dir, "*-report-brief.json").Order())
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            var root = json.RootElement;
            if (machine.Length == 0 && root.TryGetProperty("HostEnvironmentInfo", out var host)) machine = Describe(host);
            foreach (var benchmark in root.GetProperty("Benchmarks").EnumerateArray())
            {
                var type = benchmark.GetProperty("Type").GetString()!;
                var workload = All.FirstOrDefault(w => w.BenchmarkTypes.Contains(type));
                if (workload is null) continue;
                if (!benchmark.TryGetProperty("Statistics", out var statistics) || statistics.ValueKind != JsonValueKind.Object) continue;
                var parameters = benchmark.TryGetProperty("Parameters", out var p) ? p.GetString() ?? "" : "";
                // Parameters reads "N=1000"; a class with no N parameter (FSharpPar) has none and runs FixedN children.
                var n = parameters.Contains('=')
                    ? int.Parse(parameters.Split('=')[1], CultureInfo.InvariantCulture)
                    : workload.FixedN ?? 1;
                double? bytes = benchmark.TryGetProperty("Memory", out var memory) && memory.ValueKind == JsonValueKind.Object
                    ? memory.GetProperty("BytesAllocatedPerOperation").GetDouble()
                    : null;
                var title = benchmark.GetProperty("MethodTitle").GetString()!.Trim('\'');
                points.Add(new Point(workload.Name, title, n, statistics.GetProperty("Median").GetDouble(), bytes));
            }
        }
        return (points, machine);
    }

    static string Describe(JsonElement host)
    {
        string Get(string name) => host.TryGetProperty(name, out var v) ? v.ToString() : "?";
        return $"{Get("ProcessorName")}, {Get("PhysicalCoreCount")} physical / {Get("LogicalCoreCount")} logical cores; " +
               $"{Get("OsVersion")}; {Get("RuntimeVersion")}, {Get("Architecture")}, SDK {Get("DotNetCliVersion")}; " +
               $"BenchmarkDotNet {Get("BenchmarkDotNetVersion")}";
    }

    public static (List<Point> Points, string Version) LoadPython(string path)
    {
        if (!File.Exists(path)) return ([], "");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var points = json.RootElement.GetProperty("results").EnumerateArray()
            .Select(r => new Point(r.GetProperty("workload").GetString()!, Python, r.GetProperty("n").GetInt32(),
                r.GetProperty("median_ns").GetDouble(), null))
            .ToList();
        return (points, json.RootElement.GetProperty("python").GetString()!);
    }

    public static List<ScaleMeasurement> LoadScale(string path) =>
        File.Exists(path) ? JsonSerializer.Deserialize<List<ScaleMeasurement>>(File.ReadAllText(path)) ?? [] : [];
}

static class Plots
{
    /// <summary>Log-log: N on x, ns per child on y, one line per peer.</summary>
    public static void TimePerChild(List<Point> points, string title, string path)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var peers = points.Select(p => p.Peer).Distinct().ToList();
        var allYs = new List<double>();
        for (var i = 0; i < peers.Count; i++)
        {
            var series = points.Where(p => p.Peer == peers[i]).OrderBy(p => p.N).ToList();
            var xs = series.Select(p => Math.Log10(p.N)).ToArray();
            var ys = series.Select(p => Math.Log10(p.NsPerChild)).ToArray();
            allYs.AddRange(ys);
            var scatter = plot.Add.Scatter(xs, ys, palette.GetColor(ColorIndex(peers[i], i)));
            scatter.LegendText = peers[i];
            scatter.LineWidth = peers[i].StartsWith("Group.All", StringComparison.Ordinal) ? 3 : 1.5f;
            scatter.MarkerSize = 7;
            if (peers[i] == Results.Python) scatter.LinePattern = LinePattern.Dashed;
        }

        plot.Axes.Bottom.TickGenerator = LogTicks(n => n >= 1_000_000 ? $"{n / 1_000_000:0}M" : n >= 1_000 ? $"{n / 1_000:0}k" : $"{n:0}");
        plot.Axes.Left.TickGenerator = LogTicks(ns => ns >= 1_000 ? $"{ns / 1_000:0.#} µs" : $"{ns:0.#} ns");
        plot.Axes.SetLimitsX(0.8, 6.2);
        if (allYs.Count > 0) plot.Axes.SetLimitsY(Math.Floor(allYs.Min() * 2) / 2 - 0.1, Math.Ceiling(allYs.Max() * 2) / 2 + 0.1);
        plot.Title(title);
        plot.XLabel("children in the group (N, log scale)");
        plot.YLabel("time per child (median / N, log scale)");
        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, 1100, 700);
    }

    // One colour per peer in every plot: the floors share one, the group forms and the Aff-by-hand form keep theirs.
    static readonly string[] KnownPeers =
    [
        "Task.WhenAll (floor)", "Group.All FromTask", "Group.All Aff", "Task.WhenAll Aff by hand", "SequenceParallel",
        "F# Async.Parallel", "Parallel.ForEachAsync", Results.Python, "Group.All FromTask, built once",
        "Group.Traverse task function",
    ];

    static int ColorIndex(string peer, int fallback)
    {
        if (Results.Workloads.Any(w => w.Floor == peer)) return 0;
        var known = Array.IndexOf(KnownPeers, peer);
        return known >= 0 ? known : KnownPeers.Length + fallback;
    }

    static ScottPlot.TickGenerators.NumericAutomatic LogTicks(Func<double, string> label) => new()
    {
        MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
        IntegerTicksOnly = true,
        LabelFormatter = exponent => label(Math.Pow(10, exponent)),
    };
}

static class Tables
{
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Markdown(List<Point> points, List<ScaleMeasurement> scale, string machine, string pythonVersion)
    {
        var md = new StringBuilder();
        md.AppendLine(Invariant, $"Machine: {machine}.");
        if (pythonVersion.Length > 0) md.AppendLine(Invariant, $"CPython {pythonVersion}.");
        md.AppendLine();
        foreach (var workload in Results.All)
        {
            var rows = points.Where(p => p.Workload == workload.Name).ToList();
            if (rows.Count == 0) continue;
            // The plotted workloads compare Group.All over Aff children with the same Aff children run by hand.
            var second = workload.Second ?? (workload.PlotFile is null ? null : ("× by hand", "Task.WhenAll Aff by hand", ["Group.All Aff"]));
            md.AppendLine(Invariant, $"#### {workload.Title}");
            md.AppendLine();
            md.AppendLine(second is null
                ? $"| peer | N | median | ns/child | {workload.FloorColumn} | B/child |"
                : $"| peer | N | median | ns/child | {workload.FloorColumn} | {second.Value.Column} | B/child |");
            md.AppendLine(second is null ? "| --- | ---: | ---: | ---: | ---: | ---: |" : "| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var group in rows.GroupBy(p => p.Peer))
                foreach (var p in group.OrderBy(p => p.N))
                {
                    var floor = Find(points, workload.Name, workload.Floor, p.N);
                    var ratio = floor is null ? "" : (p.MedianNs / floor.MedianNs).ToString("0.00", Invariant);
                    var bytes = p.BytesPerChild is { } b ? b.ToString("0", Invariant) : "";
                    var peer = p.Peer == workload.Floor ? $"**{p.Peer}**" : p.Peer;
                    if (second is not { } s)
                    {
                        md.AppendLine(Invariant, $"| {peer} | {p.N:N0} | {Time(p.MedianNs)} | {p.NsPerChild:N0} | {ratio} | {bytes} |");
                        continue;
                    }
                    var other = s.For.Contains(p.Peer) ? Find(points, workload.Name, s.Peer, p.N) : null;
                    var otherRatio = other is null ? "" : (p.MedianNs / other.MedianNs).ToString("0.00", Invariant);
                    md.AppendLine(Invariant, $"| {peer} | {p.N:N0} | {Time(p.MedianNs)} | {p.NsPerChild:N0} | {ratio} | {otherRatio} | {bytes} |");
                }
            md.AppendLine();
        }

        if (scale.Count > 0)
        {
            md.AppendLine("#### Scale: one run in a fresh process (`--scale`)");
            md.AppendLine();
            md.AppendLine("| peer | N | time | ns/child | allocated B/child | peak heap | peak working set | GCs (gen 0/1/2) |");
            md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
            foreach (var m in scale)
                md.AppendLine(Invariant,
                    $"| {m.Peer} | {m.N:N0} | {Time(m.Milliseconds * 1e6)} | {m.Milliseconds * 1e6 / m.N:N0} | {m.BytesPerChild:0} | " +
                    $"{Mib(m.PeakHeapDeltaBytes)} | {Mib(m.PeakWorkingSetDeltaBytes)} | {m.Gen0}/{m.Gen1}/{m.Gen2} |");
            md.AppendLine();
        }

        md.AppendLine("#### Targets (measured by the tool; a target is met when every listed value meets it)");
        md.AppendLine();
        md.AppendLine("| target | measured | met |");
        md.AppendLine("| --- | --- | --- |");
        foreach (var (target, measured, met) in Targets(points, scale)) md.AppendLine(Invariant, $"| {target} | {measured} | {Verdict(met)} |");
        return md.ToString();
    }

    static IEnumerable<(string Target, string Measured, bool? Met)> Targets(List<Point> points, List<ScaleMeasurement> scale)
    {
        int[] large = [1_000, 100_000, 1_000_000];
        const string fanOut = "fan-out";
        const string groupAff = "Group.All Aff", groupTask = "Group.All FromTask", byHand = "Task.WhenAll Aff by hand";

        yield return Ratio("Group.All Aff ≤ 1.15× Task.WhenAll Aff by hand (time), N ≥ 1,000",
            large.Select(n => (n, Find(points, fanOut, groupAff, n), Find(points, fanOut, byHand, n))), r => r <= 1.15);

        var extra = large.Select(n => (n, a: Find(points, fanOut, groupAff, n), h: Find(points, fanOut, byHand, n)))
            .Where(t => t.a?.BytesPerChild is not null && t.h?.BytesPerChild is not null)
            .Select(t => (t.n, delta: t.a!.BytesPerChild!.Value - t.h!.BytesPerChild!.Value)).ToList();
        yield return ("Group.All Aff allocates ≤ by hand + 64 B per child, N ≥ 1,000",
            string.Join(", ", extra.Select(t => $"{Short(t.n)}: {t.delta:+0;-0} B")), extra.Count == 0 ? null : extra.All(t => t.delta <= 64));

        yield return Ratio("Group.All FromTask ≤ 1.5× the floor (Task.WhenAll over async methods) per child",
            new[] { 10, 1_000, 100_000, 1_000_000 }.Select(n => (n, Find(points, fanOut, groupTask, n), Find(points, fanOut, "Task.WhenAll (floor)", n))), r => r <= 1.5);

        yield return Ratio("Group.All FromTask, built once and run many times ≤ 1.5× the floor per child, N ≥ 1,000",
            large.Select(n => (n, Find(points, fanOut, groupTask + ", built once", n), Find(points, fanOut, "Task.WhenAll (floor)", n))), r => r <= 1.5);

        // Issue 13: the lifted fan-out with no value per child.
        yield return Ratio("Group.Traverse task function ≤ 1.2× the floor per child, N ≥ 1,000",
            large.Select(n => (n, Find(points, fanOut, "Group.Traverse task function", n), Find(points, fanOut, "Task.WhenAll (floor)", n))), r => r <= 1.2);

        // Issue 13: the F# face against the C# Group.All over the same task body, and against Async.Parallel.
        const string face = "fsharp-face", csharp = "C# Group.All FromTask", asyncParallel = "F# Async.Parallel";
        foreach (var fsharp in new[] { "F# Group.all ofTask", "F# Group.all ofAsync" })
            yield return Ratio($"{fsharp} within 1.2× of {csharp} (time), N ≥ 1,000 (shown: F# / C#)",
                large.Select(n => (n, Find(points, face, fsharp, n), Find(points, face, csharp, n))), r => r <= 1.2);
        yield return Ratio("F# Group.all ofAsync faster than F# Async.Parallel at 1,000 and 100,000 (shown: Async.Parallel / Group.all)",
            new[] { 1_000, 100_000 }.Select(n => (n, Find(points, face, asyncParallel, n), Find(points, face, "F# Group.all ofAsync", n))), r => r > 1);
        yield return Ratio("par of 8 sources no slower than Async.Parallel of 8 (shown: par / Async.Parallel)",
            [(8, Find(points, "fsharp-par", "par of 8 sources", 8), Find(points, "fsharp-par", "F# Async.Parallel of 8", 8))], r => r <= 1);

        // Issue 13: a scope spawn against a Group.All child.
        const string spawn = "Group.Scope spawns, handles dropped";
        yield return Ratio("Scope spawn ≤ 1.3× a Group.All child (time), N ≥ 1,000 (shown: Scope / Group.All)",
            large.Select(n => (n, Find(points, "scope-spawn", spawn, n), Find(points, "scope-spawn", groupTask, n))), r => r <= 1.3);
        var spawnBytes = large.Select(n => (n, b: Find(points, "scope-spawn", spawn, n)?.BytesPerChild)).Where(t => t.b is not null).ToList();
        yield return ("Scope spawn ≤ 600 B per child, handles dropped, N ≥ 1,000",
            string.Join(", ", spawnBytes.Select(t => $"{Short(t.n)}: {t.b:0} B")), spawnBytes.Count == 0 ? null : spawnBytes.All(t => t.b <= 600));

        // Issue 13: Traverse, 16 at once, as lean as Parallel.ForEachAsync and still faster (both child forms shown).
        const string pfea = "Parallel.ForEachAsync, 16 at once";
        foreach (var traverse in new[] { "Group.Traverse task function, 16 at once", "Group.Traverse, 16 at once" })
        {
            yield return Streaming(traverse, Find(points, "streaming", traverse, 1_000_000), Find(points, "streaming", pfea, 1_000_000));
            yield return ScalePeak(traverse, scale.FirstOrDefault(m => m.Peer == traverse && m.N == 1_000_000),
                scale.FirstOrDefault(m => m.Peer == pfea && m.N == 1_000_000));
        }

        yield return Ratio("Group.All Aff ≥ 5× faster than SequenceParallel, N ≥ 1,000 (shown: SequenceParallel / Group.All)",
            large.Select(n => (n, Find(points, fanOut, "SequenceParallel", n), Find(points, fanOut, groupAff, n))), r => r >= 5);

        foreach (var group in new[] { groupTask, groupAff })
            yield return Ratio($"{group} faster than F# Async.Parallel at 100,000 (shown: F# / Group.All)",
                [(100_000, Find(points, fanOut, "F# Async.Parallel", 100_000), Find(points, fanOut, group, 100_000))], r => r > 1);

        yield return Ratio("Cancellation latency, Group.All FromTask ≤ 1.2× raw",
            new[] { 10, 1_000, 100_000 }.Select(n => (n, Find(points, "cancellation", groupTask, n), Find(points, "cancellation", "CTS + Task.WhenAll (raw)", n))), r => r <= 1.2);

        foreach (var workload in Results.Workloads)
            yield return Ratio($"{workload.Name}: Group.All FromTask ≥ 10× faster per task than CPython (shown: CPython / Group.All)",
                new[] { 10, 1_000, 100_000, 1_000_000 }.Select(n => (n, Find(points, workload.Name, Results.Python, n), Find(points, workload.Name, groupTask, n))), r => r >= 10);

        yield return Ratio("failures: Group.All Aff (failures as values) ≥ 10× faster per task than CPython (shown: CPython / Group.All)",
            new[] { 10, 1_000, 100_000 }.Select(n => (n, Find(points, "failures", Results.Python, n), Find(points, "failures", groupAff, n))), r => r >= 10);

        foreach (var group in new[] { groupTask, groupAff })
        {
            var perChild = large.Select(n => (n, b: Find(points, fanOut, group, n)?.BytesPerChild)).Where(t => t.b is not null).ToList();
            var fromScale = scale.Where(m => m.Peer == group).Select(m => (n: m.N, b: (double?)m.BytesPerChild)).ToList();
            bool? constant = perChild.Count < 2 ? null : perChild.Max(t => t.b!.Value) <= perChild.Min(t => t.b!.Value) * 1.05;
            var text = string.Join(", ", perChild.Select(t => $"{Short(t.n)}: {t.b:0} B"));
            if (fromScale.Count > 0) text += $" (--scale: {string.Join(", ", fromScale.Select(t => $"{Short(t.n)}: {t.b:0} B"))})";
            yield return ($"{group}: bytes per child constant from 1,000 to 1,000,000 (within 5%)", text, constant);
        }
    }

    /// <summary>Traverse against Parallel.ForEachAsync in TraverseStreaming: bytes per item no more, time less.</summary>
    static (string, string, bool?) Streaming(string traverse, Point? group, Point? pfea)
    {
        var target = $"{traverse} allocates ≤ Parallel.ForEachAsync's bytes per item and is faster (1M items)";
        if (group?.BytesPerChild is not { } bytes || pfea?.BytesPerChild is not { } pfeaBytes) return (target, "", null);
        var ratio = group.MedianNs / pfea.MedianNs;
        return (target, $"{bytes:0} B vs {pfeaBytes:0} B per item; time {ratio:0.00}× Parallel.ForEachAsync", bytes <= pfeaBytes && ratio < 1);
    }

    /// <summary>Traverse against Parallel.ForEachAsync in --scale at 1,000,000: peak heap no more.</summary>
    static (string, string, bool?) ScalePeak(string traverse, ScaleMeasurement? group, ScaleMeasurement? pfea)
    {
        var target = $"{traverse}: --scale peak heap ≤ Parallel.ForEachAsync's (1M items)";
        return group is null || pfea is null
            ? (target, "", null)
            : (target, $"{Mib(group.PeakHeapDeltaBytes)} vs {Mib(pfea.PeakHeapDeltaBytes)}", group.PeakHeapDeltaBytes <= pfea.PeakHeapDeltaBytes);
    }

    static (string, string, bool?) Ratio(string target, IEnumerable<(int N, Point? Top, Point? Bottom)> pairs, Func<double, bool> ok)
    {
        var ratios = pairs.Where(p => p.Top is not null && p.Bottom is not null)
            .Select(p => (p.N, r: p.Top!.MedianNs / p.Bottom!.MedianNs)).ToList();
        return (target, string.Join(", ", ratios.Select(t => $"{Short(t.N)}: {t.r:0.00}×")), ratios.Count == 0 ? null : ratios.All(t => ok(t.r)));
    }

    static Point? Find(List<Point> points, string workload, string peer, int n) =>
        points.FirstOrDefault(p => p.Workload == workload && p.Peer == peer && p.N == n);

    static string Verdict(bool? met) => met switch { true => "yes", false => "**no**", null => "not measured" };

    static string Short(int n) => n >= 1_000_000 ? $"{n / 1_000_000}M" : n >= 1_000 ? $"{n / 1_000}k" : n.ToString(CultureInfo.InvariantCulture);

    static string Mib(long bytes) => $"{bytes / 1048576.0:0.0} MiB";

    static string Time(double ns) =>
        ns >= 1e9 ? $"{ns / 1e9:0.00} s" : ns >= 1e6 ? $"{ns / 1e6:0.00} ms" : ns >= 1e3 ? $"{ns / 1e3:0.0} µs" : $"{ns:0} ns";
}
