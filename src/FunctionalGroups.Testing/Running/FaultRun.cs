using LanguageExt;
using LanguageExt.Common;
using Microsoft.Extensions.Time.Testing;

namespace FunctionalGroups.Testing;

/// <summary>
/// One run of a <see cref="FaultPlan"/>: the plan interpreted as instrumented <c>Aff</c> children, run under the
/// deterministic step clock, with a <see cref="NodeProbe"/> per node and a trace. A node's value is its own index, so
/// a run in which everything succeeds gives the value-giving nodes in depth-first order. The laws
/// (<see cref="GroupLaws"/>) read a run; so can your own checks.
/// </summary>
/// <example>
/// <code>
/// var run = await FaultRun.Execute(FaultPlan.Of(Fault.Succeed(1), Fault.Fail(2).Named("b"), Fault.Hang()));
/// Assert.True(run.Ended);
/// Assert.Empty(GroupLaws.Violations(run));
/// </code>
/// </example>
public sealed partial class FaultRun
{
    /// <summary>The most steps a run may take before it is reported as never ending.</summary>
    public const int MaxSteps = 10_000;

    static long runs;

    readonly PlanLayout layout;
    readonly NodeProbe[] probes;
    readonly List<SpawnAttempt> spawns = [];     // guarded by itself
    readonly List<string> trace = [];            // guarded by itself
    readonly System.Collections.Concurrent.ConcurrentDictionary<int, ChildHandle<GroupRuntime, Seq<int>>> handles = new();
    readonly StepClock clock = new();
    long marks;
    int outerCancelled, timedOut;

    FaultRun(FaultPlan plan)
    {
        Plan = plan;
        layout = plan.Layout;
        Id = Interlocked.Increment(ref runs);
        probes = Enumerable.Range(0, layout.Nodes.Count).Select(static _ => new NodeProbe()).ToArray();
    }

    /// <summary>This run's id, unique in the process; carried by its injected failures.</summary>
    public long Id { get; }

    /// <summary>The plan that was run.</summary>
    public FaultPlan Plan { get; }

    /// <summary>True when the root group's effect completed; false when the run was stopped because every member
    /// left was waiting for a cancellation that nothing would make (see <see cref="Stuck"/>), or after
    /// <see cref="MaxSteps"/>.</summary>
    public bool Ended { get; private set; }

    /// <summary>The root group's outcome (meaningful when <see cref="Ended"/>).</summary>
    public Fin<Seq<int>> Result { get; private set; }

    /// <summary>The root group's end mark: every member's end mark must precede it (G1).</summary>
    public long EndMark { get; private set; }

    /// <summary>The steps the clock took.</summary>
    public int Steps => clock.Now;

    /// <summary>The members left waiting for a cancellation when a run that never ended was stopped.</summary>
    public IReadOnlyList<int> Stuck { get; private set; } = [];

    /// <summary>True when the outer source was cancelled during the run.</summary>
    public bool OuterCancelled => Volatile.Read(ref outerCancelled) == 1;

    /// <summary>True when the clock reached the root's timeout while the root was still running.</summary>
    public bool TimeoutReached => Volatile.Read(ref timedOut) == 1;

    /// <summary>The probe of node <paramref name="node"/> (depth-first index, see <see cref="FaultPlan.Nodes"/>).</summary>
    public NodeProbe this[int node] => probes[node];

    /// <summary>Every spawn attempt, in the order they happened.</summary>
    public IReadOnlyList<SpawnAttempt> Spawns
    {
        get
        {
            lock (spawns) return spawns.ToArray();
        }
    }

    /// <summary>What happened, in order: <c>step 2: #3 start</c>, <c>step 2: #3 injected</c>, … Two runs of one plan
    /// give the same trace: that is what makes a failing case replay from its seed.</summary>
    public IReadOnlyList<string> Trace
    {
        get
        {
            lock (trace) return trace.ToArray();
        }
    }

    /// <summary>Every failure injected during the run, in node order.</summary>
    public IReadOnlyList<(int Node, object Failure)> InjectedFailures() =>
        Enumerable.Range(0, probes.Length)
            .Where(i => probes[i].Injected is not null)
            .Select(i => (i, probes[i].Injected!))
            .ToArray();

    /// <summary>Runs <paramref name="plan"/> to its end (or until it is stuck) on a thread-pool thread of its own, so
    /// that no synchronization context takes the members' continuations away from the driver.</summary>
    public static async Task<FaultRun> Execute(FaultPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var run = new FaultRun(plan);
        await run.Start().ConfigureAwait(false);
        return run;
    }

    /// <summary>A run of <paramref name="plan"/>, not started (its id is known before it runs).</summary>
    internal static FaultRun Prepare(FaultPlan plan) => new(plan);

    /// <summary>Drives the run on a thread-pool thread.</summary>
    internal Task Start() => Task.Run(Drive);

    async Task Drive()
    {
        var time = Plan.Outer == OuterEvent.Timeout ? new FakeTimeProvider() : null;
        var options = time is null
            ? GroupOptions.Default
            : GroupOptions.Default with { Timeout = TimeSpan.FromMilliseconds(Plan.OuterStep), TimeProvider = time };
        var outer = new CancellationTokenSource();
        if (Plan.Outer == OuterEvent.Cancel && Plan.OuterStep == 0) CancelOuter(outer);

        probes[0].MarkStart(Mark(), 0);
        Note(0, "start");
        var running = Root(options).Run(GroupRuntime.New(outer)).AsTask();
        while (true)
        {
            var quiet = await clock.UntilQuiet(running).ConfigureAwait(false);
            if (quiet == StepClock.Quiet.Ended) break;
            var eventAhead = Plan.Outer != OuterEvent.None && clock.Now < Plan.OuterStep;
            if ((quiet == StepClock.Quiet.Stuck && !eventAhead) || clock.Now >= MaxSteps)
            {
                // Never ends by itself: report it, and cancel from outside so that a correct group can still unwind.
                // The source is left to the collector: a broken group may still hold it.
                Stuck = clock.Hanging();
                Note(0, $"stuck with {Stuck.Count} member(s) waiting for a cancellation");
                CancelOuter(outer);
                return;
            }
            var due = clock.Due();
            if (clock.Now == Plan.OuterStep) OuterEventNow(outer, running);
            time?.Advance(TimeSpan.FromMilliseconds(1));
            // One member at a time, each followed by a wait for quiet: if a member's work leaves the driver's thread,
            // the next member is released only after it, so the order of the run never depends on thread timing.
            foreach (var waiter in due)
            {
                if (StepClock.Release(waiter))
                    await clock.UntilQuiet(running).ConfigureAwait(false);
            }
        }

        Result = await running.ConfigureAwait(false);
        EndMark = Mark();
        probes[0].MarkGroupEnd(EndMark);
        Ended = true;
        Note(0, Result.Match(Succ: static v => $"end: Succ [{string.Join(",", v)}]", Fail: static e => $"end: Fail {e.Message}"));
        outer.Dispose();
    }

    /// <summary>The plan's outer event, at its step: the cancel, or (just before the fake clock reaches the root's
    /// timeout) the note that the timeout is about to expire while the root still runs.</summary>
    void OuterEventNow(CancellationTokenSource outer, Task running)
    {
        if (Plan.Outer == OuterEvent.Cancel) CancelOuter(outer);
        else if (!running.IsCompleted)
        {
            Volatile.Write(ref timedOut, 1);
            Note(0, "timeout reached");
        }
    }

    void CancelOuter(CancellationTokenSource outer)
    {
        Volatile.Write(ref outerCancelled, 1);
        Note(0, "outer cancel");
        outer.Cancel();
    }

    long Mark() => Interlocked.Increment(ref marks);

    void Note(int node, string what)
    {
        lock (trace) trace.Add($"step {clock.Now}: #{node} {what}");
    }
}
