using LanguageExt;
using LanguageExt.Common;

namespace FunctionalGroups.Testing;

/// <summary>
/// One run of a system under test with an <see cref="InjectionPlan"/>: the system's outcome, the probes of every
/// wrapped call (<see cref="Injector"/>), and the trace. Made by <see cref="FaultInjection.Run{A}(InjectionPlan, Func{FaultInjector, Aff{GroupRuntime, A}})"/>.
/// </summary>
public sealed class InjectionRun<A> : IRunView
{
    readonly List<string> trace = [];   // guarded by itself
    readonly StepClock clock = new();
    readonly RunDriver driver;
    long marks;

    internal InjectionRun(InjectionPlan plan)
    {
        Plan = plan;
        Id = FaultRun.NextId();
        driver = new RunDriver(clock, plan.Outer, plan.OuterStep, cancelWhenIdle: true, what => Note(-1, what));
        Injector = new FaultInjector(Id, plan, clock, driver.Time, Note, () => Interlocked.Increment(ref marks));
    }

    /// <summary>This run's id, carried by its injected failures.</summary>
    public long Id { get; }

    /// <summary>The plan.</summary>
    public InjectionPlan Plan { get; }

    /// <summary>The injector the system was built with: its calls and their probes.</summary>
    public FaultInjector Injector { get; }

    /// <summary>True when the system's effect completed (see <see cref="FaultRun.Ended"/>).</summary>
    public bool Ended { get; private set; }

    /// <summary>The system's outcome (meaningful when <see cref="Ended"/>).</summary>
    public Fin<A> Result { get; private set; }

    /// <summary>The system's end mark: every call's end mark must precede it.</summary>
    public long EndMark { get; private set; }

    /// <summary>The steps the clock took.</summary>
    public int Steps => clock.Now;

    /// <summary>True when the caller's source was cancelled (by the plan, or because every call left waited for a
    /// cancellation and no failure had run).</summary>
    public bool OuterCancelled => driver.OuterCancelled;

    /// <summary>The calls left waiting for a cancellation when a run that never ended was stopped.</summary>
    public IReadOnlyList<int> Stuck => driver.Stuck;

    IReadOnlyList<(int Member, int Target)> IRunView.StuckJoins => [];

    /// <summary>What happened, in order (the same for two runs of one plan on a deterministic system).</summary>
    public IReadOnlyList<string> Trace
    {
        get
        {
            lock (trace) return trace.ToArray();
        }
    }

    Error? IRunView.Failure => Result.Match(Succ: static _ => (Error?)null, Fail: static e => e);

    bool IRunView.TimeoutReached => false;

    bool IRunView.MembersAreCalls => true;

    IReadOnlyList<(int Member, object Failure)> IRunView.Injected => Injector.InjectedFailures();

    FaultLeaf? IRunView.LeafOf(int member) => member < Plan.Faults.Count ? Plan.Faults[member] : null;

    string IRunView.CancellerOf(int member) => OuterCancelled ? "the parent (the caller's token)" : "a sibling's failure";

    string IRunView.Describe(int member) => $"call {member}: {(member < Plan.Faults.Count ? Plan.Faults[member].ToString() : "real")}";

    /// <summary>Builds the system with the injector and drives it, on a thread-pool thread of its own.</summary>
    internal Task Start(Func<FaultInjector, CancellationToken, ValueTask<Fin<A>>> system) => Task.Run(async () =>
    {
        Note(-1, "start");
        clock.Install();
        Task<Fin<A>> running = null!;
        clock.Inline(() => running = system(Injector, driver.Source.Token).AsTask());
        if (!await driver.Drive(running, () => Injector.InjectedFailures().Count > 0).ConfigureAwait(false)) return;
        Result = await running.ConfigureAwait(false);
        EndMark = Interlocked.Increment(ref marks);
        Ended = true;
        Note(-1, Result.Match(Succ: static v => $"end: Succ {v}", Fail: static e => $"end: Fail {e.Message}"));
    });

    void Note(int call, string what)
    {
        lock (trace) trace.Add(call < 0 ? $"step {clock.Now}: {what}" : $"step {clock.Now}: call {call} {what}");
    }
}
