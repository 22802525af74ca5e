using System.Text.Json;
using Microsoft.Coyote;
using Microsoft.Coyote.SystematicTesting;
using Xunit;
using Xunit.Abstractions;

namespace FunctionalGroups.Systematic.Harness;

/// <summary>
/// Runs one scenario under Coyote's <see cref="TestingEngine"/>, which owns every interleaving of the controlled
/// operations (tasks, awaits, locks, <c>Interlocked</c> and <c>Volatile</c> accesses of the rewritten engine), and
/// fails the test with the bug report and the saved schedule when a law breaks, a run deadlocks, or an operation
/// escapes Coyote's control.
/// </summary>
/// <remarks>
/// <para>Strict mode: <c>WithPartiallyControlledConcurrencyAllowed(false)</c>, so concurrency Coyote cannot control is
/// a bug report, never silently skipped. The one relaxation is <c>WithNoBugTraceRepro</c>, for the
/// <see cref="ExecutionContext"/> calls the engine makes for G16 (<c>Capture</c>, <c>Run</c>, <c>Restore</c>): Coyote
/// lists them as uncontrolled, but they only carry AsyncLocal values and create no concurrency; every other
/// uncontrolled invocation fails the test (<see cref="DeterministicEvenIfUncontrolled"/>).</para>
/// <para>Saved schedules: in that mode Coyote writes no trace file, so a schedule is saved as what reproduces it
/// exactly: the strategy, the seed of Coyote's generator (which drives both the scheduler and the scenario's
/// <see cref="Draw"/>) and the number of schedules explored (<see cref="Saved"/>). Every test explores with a fixed
/// seed (deterministic in CI); <c>FG_SEED</c> sets another, <c>FG_SCHEDULES</c> the count (default 1,000;
/// <c>deep.sh</c> runs 10,000+ on fresh seeds). A bug's schedule is written to <c>found-schedules/</c> beside the test
/// assembly; copy it to <c>Schedules/Scenario.Name.N.schedule</c> and <c>ReplayTests</c> replays it for ever.</para>
/// </remarks>
static class Explore
{
    /// <summary>Uncontrolled invocations that create no concurrency and do not affect the schedule.</summary>
    static readonly HashSet<string> DeterministicEvenIfUncontrolled =
    [
        "System.Threading.ExecutionContext.Capture",
        "System.Threading.ExecutionContext.Run",
        "System.Threading.ExecutionContext.Restore",
        // Unlinking from the parent's token: completes at once unless the link's callback is running at that moment on
        // another operation. Then the engine awaits it, and strict mode reports that wait as uncontrolled concurrency
        // (a bug report, not a skip), so listing the call here hides nothing.
        "System.Threading.CancellationTokenRegistration.DisposeAsync",
    ];

    public enum Strategy { Random, Prioritization }

    /// <summary>A schedule that broke a law, as what replays it: this exploration, run again.</summary>
    public sealed record Saved(string Scenario, Strategy Strategy, uint Seed, uint Schedules);

    static uint Schedules =>
        uint.TryParse(Environment.GetEnvironmentVariable("FG_SCHEDULES"), out var n) && n > 0 ? n : 1000;

    /// <summary>The seed of an exploration: <c>FG_SEED</c>, else one fixed per scenario and strategy.</summary>
    static uint SeedFor(string scenario, Strategy strategy)
    {
        if (uint.TryParse(Environment.GetEnvironmentVariable("FG_SEED"), out var seed)) return seed;
        var hash = 2166136261u; // FNV-1a: stable across runs and machines, unlike string.GetHashCode
        foreach (var c in $"{scenario}/{strategy}") hash = (hash ^ c) * 16777619u;
        return hash;
    }

    static Configuration Configure(Saved run) =>
        (run.Strategy is Strategy.Random
            ? Configuration.Create().WithRandomStrategy()
            : Configuration.Create().WithPrioritizationStrategy(isFair: false, priorityChangeBound: 10))
        .WithTestingIterations(run.Schedules)
        .WithRandomGeneratorSeed(run.Seed)
        .WithPartiallyControlledConcurrencyAllowed(false)
        .WithNoBugTraceRepro()
        // Interleave at the engine's atomic and volatile operations and locks too, not only at awaits: its
        // membership count, admission and conclusion are lock-free.
        .WithAtomicOperationRaceCheckingEnabled()
        .WithVolatileOperationRaceCheckingEnabled()
        .WithLockAccessRaceCheckingEnabled()
        .WithMaxSchedulingSteps(20_000);

    /// <summary>Explores <paramref name="scenario"/>; fails the test on any bug, with the schedule saved.</summary>
    public static void Run(ITestOutputHelper output, string name, Func<Task> scenario, Strategy strategy)
    {
        var run = new Saved(name, strategy, SeedFor(name, strategy), Schedules);
        var bugs = Find(output, scenario, run);
        if (bugs.Count == 0) return;
        var folder = Path.Combine(AppContext.BaseDirectory, "found-schedules");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"{name}.{strategy}.{run.Seed}.schedule");
        File.WriteAllText(file, JsonSerializer.Serialize(run));
        output.WriteLine($"Saved schedule: {file} (commit it as tests/FunctionalGroups.Systematic/Schedules/{name}.N.schedule)");
        Assert.Fail($"{name} ({strategy}, seed {run.Seed}): {string.Join(" | ", bugs)}");
    }

    /// <summary>
    /// Runs one throwaway schedule of <paramref name="scenario"/> first. The first run in a process initialises
    /// statics (LanguageExt's, the engine's, the harness's), and the locks of those initialisers are scheduling points
    /// only then: without this, the first schedules of an exploration differ from a replay's, and the seed's stream of
    /// choices, shared by all the schedules that follow, diverges.
    /// </summary>
    static void WarmUp(Func<Task> scenario)
    {
        using var engine = TestingEngine.Create(Configure(new Saved("warm-up", Strategy.Random, 1, 1)), scenario);
        engine.Run();
    }

    /// <summary>Reads a saved schedule.</summary>
    public static Saved Read(string file) =>
        JsonSerializer.Deserialize<Saved>(File.ReadAllText(file)) ?? throw new InvalidDataException(file);

    /// <summary>The bugs (and the uncontrolled invocations not known to be harmless) that <paramref name="run"/>
    /// finds in <paramref name="scenario"/>.</summary>
    public static IReadOnlyList<string> Find(ITestOutputHelper output, Func<Task> scenario, Saved run)
    {
        WarmUp(scenario);
        using var engine = TestingEngine.Create(Configure(run), scenario);
        engine.Run();
        var report = engine.TestReport;
        output.WriteLine($"{run.Scenario} ({run.Strategy}, seed {run.Seed}): " +
                         $"{report.NumOfExploredFairPaths + report.NumOfExploredUnfairPaths} schedules, " +
                         $"{report.NumOfFoundBugs} bug(s), up to {report.MaxControlledOperations} operations and " +
                         $"{report.MaxExploredUnfairSteps} steps per schedule");
        var found = report.BugReports
            .Concat(report.UncontrolledInvocations.Where(u => !DeterministicEvenIfUncontrolled.Contains(u)).Select(u => "uncontrolled: " + u))
            .ToList();
        foreach (var bug in found) output.WriteLine("BUG: " + bug);
        return found;
    }
}
