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
/// a bug report, never silently skipped. The one relaxation is <c>WithNoBugTraceRepro</c> for the
/// <see cref="ExecutionContext"/> calls the engine makes for G16 (<c>Capture</c>, <c>Run</c>, <c>Restore</c>): Coyote
/// lists them as uncontrolled, but they only carry AsyncLocal values and create no concurrency, so schedules still
/// replay; every other uncontrolled invocation fails the test (<see cref="DeterministicEvenIfUncontrolled"/>).</para>
/// <para>Schedules per strategy: <c>FG_SCHEDULES</c> (default 1,000; <c>tests/FunctionalGroups.Systematic/deep.sh</c>
/// runs 10,000+). A bug's schedule is written to <c>found-schedules/</c> beside the test assembly; copy it to
/// <c>Schedules/</c> in the project, named <c>Scenario.Name.N.schedule</c>, and <see cref="ReplayTests"/> replays it
/// for ever after.</para>
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

    public static uint Schedules =>
        uint.TryParse(Environment.GetEnvironmentVariable("FG_SCHEDULES"), out var n) && n > 0 ? n : 1000;

    static Configuration Configure(Strategy strategy, uint schedules)
    {
        var configuration = Configuration.Create()
            .WithTestingIterations(schedules)
            .WithPartiallyControlledConcurrencyAllowed(false)
            .WithNoBugTraceRepro()
            // Interleave at the engine's atomic and volatile operations and locks too, not only at awaits: its
            // membership count, admission and conclusion are lock-free.
            .WithAtomicOperationRaceCheckingEnabled()
            .WithVolatileOperationRaceCheckingEnabled()
            .WithLockAccessRaceCheckingEnabled()
            .WithMaxSchedulingSteps(20_000);
        return strategy is Strategy.Random
            ? configuration.WithRandomStrategy()
            : configuration.WithPrioritizationStrategy(isFair: false, priorityChangeBound: 10);
    }

    /// <summary>Explores <paramref name="scenario"/> under <paramref name="strategy"/>.</summary>
    public static void Run(ITestOutputHelper output, string name, Func<Task> scenario, Strategy strategy)
    {
        using var engine = TestingEngine.Create(Configure(strategy, Schedules), scenario);
        engine.Run();
        Judge(output, name, engine, strategy.ToString());
    }

    /// <summary>Replays one saved schedule of <paramref name="scenario"/>.</summary>
    public static void Replay(ITestOutputHelper output, string name, Func<Task> scenario, string schedule)
    {
        var configuration = Configure(Strategy.Random, 1).WithReproducibleTrace(schedule);
        using var engine = TestingEngine.Create(configuration, scenario);
        engine.Run();
        Judge(output, name, engine, "replay");
    }

    static void Judge(ITestOutputHelper output, string name, TestingEngine engine, string strategy)
    {
        var report = engine.TestReport;
        output.WriteLine($"{name} ({strategy}): {report.NumOfExploredFairPaths + report.NumOfExploredUnfairPaths} schedules, " +
                         $"{report.NumOfFoundBugs} bug(s), up to {report.MaxControlledOperations} operations and " +
                         $"{report.MaxExploredUnfairSteps} steps per schedule");
        var uncontrolled = report.UncontrolledInvocations.Where(u => !DeterministicEvenIfUncontrolled.Contains(u)).ToList();
        if (report.NumOfFoundBugs == 0 && uncontrolled.Count == 0) return;

        foreach (var bug in report.BugReports) output.WriteLine("BUG: " + bug);
        foreach (var call in uncontrolled) output.WriteLine("UNCONTROLLED: " + call);
        if (report.NumOfFoundBugs > 0)
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "found-schedules");
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, $"{name}.{strategy}.{DateTime.UtcNow:yyyyMMddHHmmss}.schedule");
            File.WriteAllText(file, engine.ReproducibleTrace);
            output.WriteLine($"Saved schedule: {file} (replay: copy it to tests/FunctionalGroups.Systematic/Schedules/{name}.N.schedule)");
        }
        Assert.Fail($"{name} ({strategy}): {string.Join(" | ", report.BugReports.Concat(uncontrolled.Select(u => "uncontrolled: " + u)))}");
    }
}
