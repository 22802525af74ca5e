using LanguageExt;
using LanguageExt.Common;

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
public sealed partial class FaultRun : IRunView
{
    /// <summary>The most steps a run may take before it is reported as never ending.</summary>
    public const int MaxSteps = 10_000;

    static long runs;

    readonly PlanLayout layout;
    readonly NodeProbe[] probes;
    readonly List<SpawnAttempt> spawns = [];     // guarded by itself
    readonly List<string> trace = [];            // guarded by itself
    readonly System.Collections.Generic.HashSet<int> explicitCancels = [];  // guarded by itself: the scopes a cancel-scope leaf cancelled
    readonly System.Collections.Concurrent.ConcurrentDictionary<int, ChildHandle<GroupRuntime, Seq<int>>> handles = new();
    readonly StepClock clock = new();
    readonly System.Collections.Concurrent.ConcurrentDictionary<int, TaskCompletionSource<ChildHandle<GroupRuntime, Seq<int>>?>> handleOf = new();
    readonly System.Collections.Concurrent.ConcurrentDictionary<int, TaskCompletionSource> endOf = new();
    readonly Dictionary<int, JoinSeen> joins = [];   // guarded by itself: what each join member's join gave
    RunDriver? driver;
    long marks;

    readonly EngineHooks hooks;

    FaultRun(FaultPlan plan, EngineHooks? hooks = null)
    {
        Plan = plan;
        this.hooks = hooks ?? EngineHooks.None;
        layout = plan.Layout;
        Id = NextId();
        probes = Enumerable.Range(0, layout.Nodes.Count).Select(static _ => new NodeProbe()).ToArray();
    }

    /// <summary>The next run id: plan runs and injection runs share one sequence, so an id names one run.</summary>
    internal static long NextId() => Interlocked.Increment(ref runs);

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
    public IReadOnlyList<int> Stuck => driver?.Stuck ?? [];

    /// <summary>The members left waiting for a sibling through a join when the run was found unable to make progress.</summary>
    public IReadOnlyList<(int Member, int Target)> StuckJoins => driver?.StuckJoins ?? [];

    /// <summary>What the join of each join member (<see cref="FaultJoin"/>) gave, by node.</summary>
    internal IReadOnlyDictionary<int, JoinSeen> Joins
    {
        get
        {
            lock (joins) return new Dictionary<int, JoinSeen>(joins);
        }
    }

    /// <summary>True when the outer source was cancelled during the run.</summary>
    public bool OuterCancelled => driver?.OuterCancelled ?? false;

    /// <summary>True when the clock reached the root's timeout while the root was still running.</summary>
    public bool TimeoutReached => driver?.TimeoutReached ?? false;

    /// <summary>The probe of node <paramref name="node"/> (depth-first index, see <see cref="FaultPlan.Nodes"/>).</summary>
    public NodeProbe this[int node] => probes[node];

    /// <summary>Every spawn attempt, in the order they happened.</summary>
    public IReadOnlyList<SpawnAttempt> Spawns
    {
        get
        {
            lock (spawns) return spawns.Where(static s => s is not null).ToArray();
        }
    }

    /// <summary>The scopes a cancel-scope leaf cancelled during the run (node indices).</summary>
    internal IReadOnlyCollection<int> ExplicitCancels
    {
        get
        {
            lock (explicitCancels) return explicitCancels.ToArray();
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

    LanguageExt.Common.Error? IRunView.Failure => Result.Match(Succ: static _ => (LanguageExt.Common.Error?)null, Fail: static e => e);

    IReadOnlyList<(int Member, object Failure)> IRunView.Injected => InjectedFailures();

    string IRunView.Describe(int member) => Plan.Nodes[member].ToString();

    bool IRunView.MembersAreCalls => false;

    FaultLeaf? IRunView.LeafOf(int member) => Plan.Nodes[member] as FaultLeaf;

    string IRunView.CancellerOf(int member)
    {
        var cancels = ExplicitCancels;
        for (var up = layout.Owner(member); up >= 0; up = layout.Owner(up))
            if (cancels.Contains(up)) return $"an explicit cancel of scope #{up}";
        if (OuterCancelled) return "the parent (the caller's token)";
        if (TimeoutReached) return "the timeout";
        var owner = layout.Owner(member);
        var failedBeside = owner >= 0 && Enumerable.Range(owner, layout.End(owner) - owner)
            .Any(n => n != member && probes[n].Injected is not null && Plan.Nodes[n] is not FaultLeaf { Behaviour: Behaviour.ThrowOnCancel });
        return failedBeside ? $"a failure in its group #{owner}" : "a parent group";
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

    /// <summary>Runs <paramref name="plan"/> with parts of the engine replaced (the kit's own tests of its laws).</summary>
    internal static async Task<FaultRun> Execute(FaultPlan plan, EngineHooks hooks)
    {
        var run = new FaultRun(plan, hooks);
        await run.Start().ConfigureAwait(false);
        return run;
    }

    /// <summary>A run of <paramref name="plan"/>, not started (its id is known before it runs).</summary>
    internal static FaultRun Prepare(FaultPlan plan) => new(plan);

    /// <summary>Drives the run on a thread-pool thread.</summary>
    internal Task Start() => Task.Run(Drive);

    async Task Drive()
    {
        var driver = new RunDriver(clock, Plan.Outer, Plan.OuterStep, cancelWhenIdle: false, what => Note(0, what));
        this.driver = driver;
        probes[0].MarkStart(Mark(), 0);
        Note(0, "start");
        if (hooks.DeferredWorkInline) FunctionalGroups.Engine.Later.Scheduler.Value = static (work, state) => work(state);
        else clock.Install();
        ContextProbe.Current = new ContextProbe.Mark(Id, 0);
        Task<Fin<Seq<int>>> running = null!;
        var rootMark = ContextProbe.Current;
        clock.Inline(() =>
        {
            running = Root(driver.Options).Run(GroupRuntime.New(driver.Source)).AsTask();
            if (ContextProbe.Current != rootMark) probes[0].MarkContextLost(ContextProbe.Current);
        });
        if (!await driver.Drive(running, static () => false).ConfigureAwait(false)) return;

        Result = await running.ConfigureAwait(false);
        EndMark = Mark();
        probes[0].MarkGroupEnd(EndMark);
        Ended = true;
        Note(0, Result.Match(Succ: static v => $"end: Succ [{string.Join(",", v)}]", Fail: static e => $"end: Fail {e.Message}"));
    }

    long Mark() => Interlocked.Increment(ref marks);

    void Note(int node, string what)
    {
        lock (trace) trace.Add($"step {clock.Now}: #{node} {what}");
    }
}

/// <summary>What a join member's <c>Join</c> gave.</summary>
/// <param name="Target">The node it joined.</param>
/// <param name="Failure">The failure the join gave, or null when it gave the target's value.</param>
/// <param name="TargetHadEnded">Whether the target had ended (as the kit saw it) when the join returned: then the join
/// must give the target's outcome, never a cancellation (G18).</param>
internal sealed record JoinSeen(int Target, LanguageExt.Common.Error? Failure, bool TargetHadEnded);
