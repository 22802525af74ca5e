using Microsoft.Extensions.Time.Testing;

namespace FunctionalGroups.Testing;

/// <summary>
/// Drives one run on its <see cref="StepClock"/>: waits for quiet, moves the clock, makes the outer event happen at
/// its step (a cancel of the caller's source, or the fake clock reaching the root's timeout), and releases the
/// parked members one at a time. Shared by plan runs and injection runs.
/// </summary>
internal sealed class RunDriver
{
    readonly StepClock clock;
    readonly OuterEvent outer;
    readonly int outerStep;
    readonly bool cancelWhenIdle;
    readonly Action<string> note;
    int outerCancelled, timedOut;

    /// <param name="clock">The run's clock.</param>
    /// <param name="outer">The outer event.</param>
    /// <param name="outerStep">Its step.</param>
    /// <param name="cancelWhenIdle">When every live member waits for a cancellation, no failure was injected and no
    /// event is ahead, cancel the caller's source instead of reporting the run stuck: for systems under test whose
    /// calls are fewer than the plan's faults (the failure meant to cancel the hangs never ran).</param>
    /// <param name="note">Adds a line to the run's trace.</param>
    public RunDriver(StepClock clock, OuterEvent outer, int outerStep, bool cancelWhenIdle, Action<string> note)
    {
        this.clock = clock;
        this.outer = outer;
        this.outerStep = outerStep;
        this.cancelWhenIdle = cancelWhenIdle;
        this.note = note;
        if (outer == OuterEvent.Cancel && outerStep == 0) CancelOuter();
    }

    /// <summary>The caller's source: its token is the run's parent token.</summary>
    public CancellationTokenSource Source { get; } = new();

    /// <summary>The run's fake clock: it moves one unit (1 ms) per step.</summary>
    public FakeTimeProvider Time { get; } = new();

    /// <summary>The root's options: the timeout of a timeout plan, on <see cref="Time"/>.</summary>
    public GroupOptions Options =>
        outer == OuterEvent.Timeout ? GroupOptions.Default with { Timeout = TimeSpan.FromMilliseconds(outerStep), TimeProvider = Time } : GroupOptions.Default;

    public bool OuterCancelled => Volatile.Read(ref outerCancelled) == 1;

    public bool TimeoutReached => Volatile.Read(ref timedOut) == 1;

    /// <summary>The members left waiting for a cancellation when a run that never ended was stopped.</summary>
    public IReadOnlyList<int> Stuck { get; private set; } = [];

    /// <summary>The members left waiting for a sibling through a join (with the sibling) when a run was found stuck: no
    /// step and no event could release them, so the run could make no progress.</summary>
    public IReadOnlyList<(int Member, int Target)> StuckJoins { get; private set; } = [];

    /// <summary>Drives <paramref name="running"/> until it ends (true) or is stuck (false: it was then cancelled from
    /// outside so that a correct group can still unwind; the source is left to the collector).</summary>
    /// <param name="running">The run's task, started on this thread.</param>
    /// <param name="anyInjected">Whether a failure was injected so far (for <c>cancelWhenIdle</c>).</param>
    public async Task<bool> Drive(Task running, Func<bool> anyInjected)
    {
        while (true)
        {
            var quiet = await clock.UntilQuiet(running).ConfigureAwait(false);
            if (quiet == StepClock.Quiet.Ended)
            {
                Source.Dispose();
                return true;
            }
            var eventAhead = outer != OuterEvent.None && clock.Now < outerStep;
            if ((quiet == StepClock.Quiet.Stuck && !eventAhead) || clock.Now >= FaultRun.MaxSteps)
            {
                if (cancelWhenIdle && quiet == StepClock.Quiet.Stuck && !anyInjected() && !OuterCancelled)
                {
                    note("idle: every call left waits for a cancellation and no failure ran");
                    CancelOuter();
                    continue;
                }
                Stuck = clock.Hanging();
                StuckJoins = clock.Joining();
                if (StuckJoins.Count > 0)
                    note($"the run cannot make progress: {string.Join(", ", StuckJoins.Select(static j => $"#{j.Member} waits to join #{j.Target}"))}");
                if (Stuck.Count > 0) note($"stuck with {Stuck.Count} member(s) waiting for a cancellation");
                else if (StuckJoins.Count == 0) note("stopped after the step limit");
                CancelOuter();
                return false;
            }
            var due = clock.Due();
            if (clock.Now == outerStep) OuterEventNow(running);
            clock.Inline(() => Guarded("the timeout's timer", () => Time.Advance(TimeSpan.FromMilliseconds(1))));
            // One member at a time, each followed by a wait for quiet: if a member's work leaves the driver's thread,
            // the next member is released only after it, so the order of the run never depends on thread timing.
            foreach (var waiter in due)
                if (clock.Release(waiter))
                    await clock.UntilQuiet(running).ConfigureAwait(false);
        }
    }

    /// <summary>The outer event at its step: the cancel, or (just before the fake clock reaches the root's timeout)
    /// the note that the timeout is about to expire while the run still goes on.</summary>
    void OuterEventNow(Task running)
    {
        if (outer == OuterEvent.Cancel) CancelOuter();
        else if (outer == OuterEvent.Timeout && !running.IsCompleted)
        {
            Volatile.Write(ref timedOut, 1);
            note("timeout reached");
        }
    }

    void CancelOuter()
    {
        if (Interlocked.Exchange(ref outerCancelled, 1) != 0) return;
        note("outer cancel");
        clock.Inline(() => Guarded("the caller's Cancel()", Source.Cancel));
    }

    /// <summary>Runs a canceller's call; a group must keep what its callbacks throw (G18), so an exception that escapes
    /// into the canceller is noted (the failure it carries then misses from the outcome, which the laws report).</summary>
    void Guarded(string what, Action cancel)
    {
        try
        {
            cancel();
        }
        catch (Exception e)
        {
            note($"{what} threw {e.GetType().Name}: {e.Message}");
        }
    }
}
