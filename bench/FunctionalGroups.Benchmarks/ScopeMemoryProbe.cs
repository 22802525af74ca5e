using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FunctionalGroups;
using LanguageExt;

namespace FunctionalGroups.Benchmarks;

/// <summary>
/// <c>--scope-memory</c>: a long-lived scope does not grow. One scope spawns 1,000,000 short children over its
/// life; the heap is read every 100,000 children, without and then with a full blocking GC. Each variant runs in a
/// fresh process (<c>--scope-memory-one VARIANT</c>).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>waves: the body spawns 1,000 children, joins them, drops the handles; 1,000 times. Aff children and
/// lifted (<c>Child.FromTask</c>) children;</item>
/// <item>chain: each child spawns the next one and ends, dropping its handle (the body only spawns the first);</item>
/// <item>waves, handles kept: as the first, but the caller keeps every handle in a list allocated before the
/// baseline (8 MB for 1,000,000 references): the growth is then the kept handles only, in bytes per handle.</item>
/// </list>
/// The baseline is the heap after a full GC just before the scope starts (after a warm-up scope of 10,000
/// children). "after GC" is <c>GC.GetTotalMemory(true)</c> minus the baseline; "no GC" is
/// <c>GC.GetTotalMemory(false)</c> read first, minus the baseline: it includes garbage not yet collected.
/// </remarks>
public static class ScopeMemoryProbe
{
    const int Total = 1_000_000;
    const int Wave = 1_000;
    const int Checkpoint = 100_000;

    /// <summary>The variants, by index: name, whether handles are kept, the scope to run.</summary>
    static readonly (string Name, bool KeepsHandles, Func<int, Recorder?, Aff<GroupRuntime, Unit>> Scope)[] Variants =
    [
        ("waves, handles dropped, Aff children", false, (n, rec) => Waves(n, Bodies.AffChild, rec, keep: null)),
        ("waves, handles dropped, FromTask children", false, (n, rec) => Waves(n, Bodies.FromTaskChild, rec, keep: null)),
        ("chain: each child spawns the next", false, Chain),
        ("waves, every handle kept, Aff children", true, (n, rec) => Waves(n, Bodies.AffChild, rec, keep: new(n))),
    ];

    /// <summary>One checkpoint: children spawned (and ended) so far, heap without and with a full GC, minus the baseline.</summary>
    public sealed record Sample(int Children, long HeapBytes, long HeapAfterGcBytes);

    /// <summary>One variant's run, printed as one JSON line by the fresh process.</summary>
    public sealed record Run(string Variant, bool KeepsHandles, long BaselineBytes, double Seconds, Sample[] Samples);

    /// <summary>Reads the heap at the checkpoints. Not thread-safe: one checkpoint at a time, by construction.</summary>
    sealed class Recorder
    {
        public long Baseline { get; set; }

        public List<Sample> Samples { get; } = [];

        public void Sample(int children)
        {
            var heap = GC.GetTotalMemory(forceFullCollection: false);
            var afterGc = GC.GetTotalMemory(forceFullCollection: true);
            Samples.Add(new(children, heap - Baseline, afterGc - Baseline));
        }
    }

    /// <summary>The body spawns <paramref name="n"/> children in waves of 1,000, joining each wave.</summary>
    static Aff<GroupRuntime, Unit> Waves(int n, Func<int, Aff<GroupRuntime, int>> child, Recorder? recorder,
        List<ChildHandle<GroupRuntime, int>>? keep) =>
        Group.Scope<Unit>(scope => Prelude.Aff<GroupRuntime, Unit>(async rt =>
        {
            var wave = new ChildHandle<GroupRuntime, int>[Wave];
            for (var done = 0; done < n; done += Wave)
            {
                for (var i = 0; i < Wave; i++)
                    wave[i] = (await scope.Spawn(child(done + i)).Run(rt)).ThrowIfFail();
                for (var i = 0; i < Wave; i++)
                    if ((await wave[i].Join.Run(rt)).ThrowIfFail() != done + i)
                        throw new InvalidOperationException($"child {done + i} gave the wrong value");
                keep?.AddRange(wave);
                Array.Clear(wave);
                if ((done + Wave) % Checkpoint == 0) recorder?.Sample(done + Wave);
            }
            return Prelude.unit;
        }));

    /// <summary>Each child yields, spawns the next and ends; the body spawns the first and returns.</summary>
    static Aff<GroupRuntime, Unit> Chain(int n, Recorder? recorder) =>
        Group.Scope<Unit>(scope =>
        {
            Aff<GroupRuntime, Unit> Link(int i) => Prelude.Aff<GroupRuntime, Unit>(async rt =>
            {
                await Task.Yield();
                if (i % Checkpoint == 0) recorder?.Sample(i);
                if (i < n) (await scope.Spawn(Link(i + 1)).Run(rt)).ThrowIfFail();
                return Prelude.unit;
            });
            return scope.Spawn(Link(1)).Map(_ => Prelude.unit);
        });

    /// <summary>Runs every variant in a fresh process; prints a table for each, then the summary.</summary>
    public static async Task<int> RunAll()
    {
        var runs = new List<Run>();
        for (var v = 0; v < Variants.Length; v++)
        {
            var run = await RunInFreshProcess(v);
            if (run is null) return 1;
            runs.Add(run);
            Console.WriteLine(Markdown(run));
            Console.WriteLine();
        }
        Console.WriteLine(Summary(runs));
        // Flat: without kept handles, the heap after a GC grows by less than 1 MiB (about 1 byte per child)
        // from 100,000 to 1,000,000 children.
        var grown = runs.Where(r => !r.KeepsHandles && Growth(r) >= 1 << 20).ToList();
        foreach (var r in grown) Console.Error.WriteLine($"NOT FLAT: {r.Variant} grew {Growth(r):N0} B");
        return grown.Count == 0 ? 0 : 1;
    }

    static long Growth(Run run) => run.Samples[^1].HeapAfterGcBytes - run.Samples[0].HeapAfterGcBytes;

    static string Markdown(Run run)
    {
        var lines = new List<string>
        {
            $"{run.Variant} ({run.Seconds:F1} s; baseline heap {run.BaselineBytes / 1048576.0:F1} MiB)",
            "",
            "| children | heap, no GC (MiB) | heap after full GC (KiB) |",
            "| ---: | ---: | ---: |",
        };
        foreach (var s in run.Samples)
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {s.Children:N0} | {s.HeapBytes / 1048576.0:F1} | {s.HeapAfterGcBytes / 1024.0:N0} |"));
        return string.Join(Environment.NewLine, lines);
    }

    static string Summary(List<Run> runs)
    {
        var lines = new List<string>
        {
            "| variant | after GC at 100k (KiB) | after GC at 1M (KiB) | growth 100k → 1M | per child (or kept handle) |",
            "| --- | ---: | ---: | ---: | ---: |",
        };
        foreach (var r in runs)
        {
            var growth = Growth(r);
            var children = r.Samples[^1].Children - r.Samples[0].Children;
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Variant} | {r.Samples[0].HeapAfterGcBytes / 1024.0:N0} | {r.Samples[^1].HeapAfterGcBytes / 1024.0:N0} | " +
                $"{growth / 1024.0:N0} KiB | {(double)growth / children:F2} B |"));
        }
        return string.Join(Environment.NewLine, lines);
    }

    static async Task<Run?> RunInFreshProcess(int variant)
    {
        var host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, UseShellExecute = false };
        // Under `dotnet app.dll` the host is dotnet and needs the assembly; an apphost runs as it is.
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") start.ArgumentList.Add(typeof(ScopeMemoryProbe).Assembly.Location);
        start.ArgumentList.Add("--scope-memory-one");
        start.ArgumentList.Add(variant.ToString(CultureInfo.InvariantCulture));
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith('{'));
        if (process.ExitCode != 0 || line is null)
        {
            await Console.Error.WriteLineAsync($"--scope-memory-one {variant} failed (exit {process.ExitCode}): {output}");
            return null;
        }
        return JsonSerializer.Deserialize<Run>(line);
    }

    /// <summary>One variant in this process (a fresh one: see <see cref="RunAll"/>).</summary>
    public static async Task<int> RunOne(int variant)
    {
        var (name, keepsHandles, scope) = Variants[variant];
        // Warm-up: a scope of 10,000 children, so that JIT and pool growth are not counted.
        if ((await scope(10_000, null).RunAsync()).IsFail) return Fail(name, "warm-up");
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();

        // Building the effect allocates what the variant needs up front (the kept-handles list), before the baseline.
        var recorder = new Recorder();
        var effect = scope(Total, recorder);
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        recorder.Baseline = baseline;

        var clock = Stopwatch.StartNew();
        var fin = await effect.RunAsync();
        var seconds = clock.Elapsed.TotalSeconds;
        if (fin.IsFail) return Fail(name, fin.Match(Succ: _ => "", Fail: e => e.ToString()));
        if (recorder.Samples.Count != Total / Checkpoint) return Fail(name, $"{recorder.Samples.Count} checkpoints");
        GC.KeepAlive(effect);
        Console.WriteLine(JsonSerializer.Serialize(new Run(name, keepsHandles, baseline, seconds, [.. recorder.Samples])));
        return 0;
    }

    static int Fail(string name, string why)
    {
        Console.Error.WriteLine($"{name}: {why}");
        return 1;
    }
}
