using System.Globalization;
using BenchmarkDotNet.Running;
using FunctionalGroups.Benchmarks;

// The suite's entry point. Besides BenchmarkDotNet's own arguments (BenchmarkSwitcher: --filter, --job, --list, ...):
//   --smoke        checks every workload, then runs every benchmark once at N=10 in this process (about a minute)
//   --check        only the checks of --smoke
//   --scale [PATH] time, bytes per child and peak memory at 1,000 / 100,000 / 1,000,000, a fresh process each
//                  (JSON to PATH, by default BenchmarkDotNet.Artifacts/results/scale.json)
//   --scope-memory one long-lived scope spawning 1,000,000 short children: the heap every 100,000 (flat), and
//                  the same with every handle kept (bytes per handle); a fresh process per variant
//   --stream-memory [N]  a generator of N items (10,000,000 by default) at parallelism 16: the peak heap of the
//                  streaming forms, Parallel.ForEachAsync and a channel pipeline; a fresh process per peer
// With no argument of its own it runs BenchmarkDotNet with the suite's job, unless --job is given.

if (args is ["--scale-one", var peer, var n])
    return await ScaleProbe.RunOne(int.Parse(peer, CultureInfo.InvariantCulture), int.Parse(n, CultureInfo.InvariantCulture));

if (args is ["--scale", ..])
    return await ScaleProbe.RunAll(args.Length > 1 ? args[1] : "BenchmarkDotNet.Artifacts/results/scale.json");

if (args is ["--scope-memory-one", var variant])
    return await ScopeMemoryProbe.RunOne(int.Parse(variant, CultureInfo.InvariantCulture));

if (args is ["--scope-memory"])
    return await ScopeMemoryProbe.RunAll();

if (args is ["--stream-memory-one", var streamVariant, var streamItems])
    return await StreamMemoryProbe.RunOne(int.Parse(streamVariant, CultureInfo.InvariantCulture), long.Parse(streamItems, CultureInfo.InvariantCulture));

if (args is ["--stream-memory", ..])
    return await StreamMemoryProbe.RunAll(args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 10_000_000);

if (args is ["--check"])
    return await Checks.Run() == 0 ? 0 : 1;

var switcher = BenchmarkSwitcher.FromAssembly(typeof(FanOut).Assembly);

if (args is ["--smoke", .. var rest])
{
    if (await Checks.Run() != 0) return 1;
    Environment.SetEnvironmentVariable(BenchSizes.SmokeVariable, "1");
    var smokeArgs = rest.Length == 0 ? ["--filter", "*"] : rest;
    var summaries = switcher.Run(smokeArgs, BenchConfig.Create(BenchConfig.Smoke)).ToList();
    var broken = summaries.Count == 0 || summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
    Console.WriteLine(broken ? "smoke: FAILED" : $"smoke: {summaries.Sum(s => s.Reports.Length)} benchmarks ran");
    return broken ? 1 : 0;
}

var jobGiven = args.Any(a => a is "--job" or "-j" or "--runtimes" or "-r" or "--launchCount" or "--iterationCount");
var results = switcher.Run(args, BenchConfig.Create(jobGiven ? null : BenchConfig.Full)).ToList();
return results.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
