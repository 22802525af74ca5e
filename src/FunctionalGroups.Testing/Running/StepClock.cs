namespace FunctionalGroups.Testing;

/// <summary>
/// The deterministic clock of a run: members (leaves, spawners, injected faults) wait for steps of this clock, never
/// for wall-clock time, and the driver moves it one step at a time, only when every live member is parked.
/// <para>
/// <b>Why a run replays identically.</b> The driver completes the waiters of a step one by one, in member order, from
/// its own thread, with synchronous continuations: each released member runs inline (through the group engine, which
/// also continues inline) until it parks again or ends, before the next one is released. Cancellations run inline too
/// (a token's callbacks run on the thread that cancels). So, for a given plan, the same members run in the same order
/// at every step. Work that leaves the driver's thread (a user's effect doing real I/O, a thread-pool start) is waited
/// for: the driver moves only when live == parked, and is woken by every park and every end.
/// </para>
/// <para>
/// <b>Work scheduled off a member's turn.</b> A spawn from inside a member's synchronous prefix is scheduled, not run
/// on the spawner's turn (G17): the engine hands it to the scheduler of the run, this clock (<see cref="Install"/>), and
/// the driver runs it, in the order it was scheduled, before it judges the run quiet (<see cref="Inline"/>): the run
/// stays on the driver's thread.
/// </para>
/// <para>
/// <b>Joins.</b> Under this clock the engine hands a joiner's resumption (the joined child's end, or the joiner's
/// cancellation) to <see cref="Schedule"/> too, so a member waiting in a join resumes on the driver's thread. While it
/// waits it counts as parked (<see cref="WhileJoining{T}"/>, not on a step): a run whose members all wait for each other
/// through joins is <see cref="Quiet.Stuck"/>, and the driver reports it as a run that cannot make progress.
/// </para>
/// </summary>
internal sealed class StepClock
{
    /// <summary>A parked member: released by the driver at the next step, or by its token.</summary>
    internal sealed class Waiter(StepClock clock, int member, bool onStep)
    {
        // Completed synchronously on purpose (no RunContinuationsAsynchronously): see the type's summary.
        public readonly TaskCompletionSource Done = new();
        public readonly int Member = member;
        public readonly bool OnStep = onStep;
        int settled;

        /// <summary>Settles the waiter once; the one call that settles it also unparks it.</summary>
        public bool TrySettle()
        {
            if (Interlocked.Exchange(ref settled, 1) != 0) return false;
            clock.Unpark(this);
            return true;
        }
    }

    readonly object gate = new();
    readonly List<Waiter> waiting = [];   // guarded by gate
    int live;                             // guarded by gate: members started and not ended
    int parked;                           // guarded by gate: live members waiting for a step or a cancel
    TaskCompletionSource? changed;        // guarded by gate: the driver's wake-up, when it waits
    readonly Queue<(Action<object?> Work, object? State)> posted = new();   // guarded by gate

    /// <summary>Work the engine scheduled off a member's turn (a spawn from inside a member's synchronous prefix, G17):
    /// queued here, and run by the driver in order (see the type's summary).</summary>
    public void Schedule(Action<object?> work, object? state)
    {
        lock (gate) posted.Enqueue((work, state));
        Signal();
    }

    /// <summary>Makes this clock the scheduler of deferred spawns for the run started from the calling context.</summary>
    public void Install() => FunctionalGroups.Engine.Later.Scheduler.Value = Schedule;

    /// <summary>Runs <paramref name="action"/> on this thread, then the work scheduled meanwhile, in order, until none
    /// is left.</summary>
    public void Inline(Action action)
    {
        action();
        RunScheduled();
    }

    /// <summary>Runs the scheduled work on this thread, in order, until none is left (work may schedule more); then
    /// the answers delivered so far, in the order their slots were reserved, up to the first not yet delivered.</summary>
    void RunScheduled()
    {
        while (true)
        {
            (Action<object?>? Work, object? State) next;
            lock (gate)
            {
                if (posted.Count > 0) next = posted.Dequeue();
                else if (slots.Count > 0 && slots.Peek().Ready) next = slots.Dequeue().Take();
                else return;
            }
            next.Work?.Invoke(next.State);
        }
    }

    /// <summary>A place in line for an answer that may come from another thread: reserved on the driver's thread, in an
    /// order that does not depend on thread timing, and run by the driver in that order once delivered.</summary>
    internal sealed class Slot
    {
        Action<object?>? work;
        object? state;

        /// <summary>Delivered (read and written under the clock's gate).</summary>
        public bool Ready { get; private set; }

        public void Fill(Action<object?>? work, object? state)
        {
            this.work = work;
            this.state = state;
            Ready = true;
        }

        public (Action<object?>? Work, object? State) Take() => (work, state);
    }

    readonly Queue<Slot> slots = new();   // guarded by gate: reserved answers, in order

    /// <summary>
    /// Reserves the next place in line for an answer (see <see cref="Slot"/>). A cancel scope reserves one as its body
    /// ends: the library's deadline may then answer from the thread pool (when the body ended inside the canceller's
    /// <c>Cancel</c> call), and two such answers may arrive in either order; they run in the order of their bodies' ends.
    /// A reserved slot must be delivered (<see cref="Deliver"/>, with no work if there is nothing to run).
    /// </summary>
    public Slot Reserve()
    {
        var slot = new Slot();
        lock (gate) slots.Enqueue(slot);
        return slot;
    }

    /// <summary>Delivers <paramref name="slot"/>'s answer, from any thread; the driver runs it in its turn.</summary>
    public void Deliver(Slot slot, Action<object?>? work, object? state)
    {
        lock (gate) slot.Fill(work, state);
        Signal();
    }

    /// <summary>The current step (0 before the first).</summary>
    public int Now { get; private set; }

    /// <summary>A member starts: the driver waits for it to park or end.</summary>
    public void Enter()
    {
        lock (gate) live++;
    }

    /// <summary>A member ends.</summary>
    public void Exit()
    {
        lock (gate) live--;
        Signal();
    }

    /// <summary>Waits for the next step. With <paramref name="token"/>, a cancellation ends the wait with an
    /// <see cref="OperationCanceledException"/> (a cancelled token throws at once, without parking).</summary>
    public Task Step(int member, CancellationToken token) => Park(member, onStep: true, token);

    /// <summary>Waits until <paramref name="token"/> is cancelled, then throws its <see cref="OperationCanceledException"/>.</summary>
    public Task Hang(int member, CancellationToken token) => Park(member, onStep: false, token);

    async Task Park(int member, bool onStep, CancellationToken token)
    {
        token.ThrowIfCancellationRequested();
        var waiter = new Waiter(this, member, onStep);
        lock (gate)
        {
            parked++;
            waiting.Add(waiter);
        }
        // The registration is disposed when the wait ends, whichever way: a step must not leave a callback behind on
        // a long-lived token. Disposing from inside the callback (the inline continuation of TrySetCanceled) is safe:
        // the callback runs on this thread.
        var registration = token.CanBeCanceled
            ? token.UnsafeRegister(static (s, t) =>
            {
                var w = (Waiter)s!;
                if (w.TrySettle()) w.Done.TrySetCanceled(t);
            }, waiter)
            : default;
        Signal();
        try
        {
            await waiter.Done.Task.ConfigureAwait(false);
        }
        finally
        {
            await registration.DisposeAsync().ConfigureAwait(false);
        }
    }

    void Unpark(Waiter waiter)
    {
        lock (gate)
        {
            parked--;
            waiting.Remove(waiter);
        }
    }

    void Signal()
    {
        TaskCompletionSource? wake;
        lock (gate)
        {
            wake = changed;
            changed = null;
        }
        wake?.TrySetResult();
    }

    /// <summary>
    /// A member waiting for a sibling through a join (or for the sibling's handle): counted as parked until
    /// <paramref name="waited"/> completes. The engine delivers a join's end through the run's scheduler (this clock,
    /// see <c>ChildHandle</c>), so the member resumes on the driver's thread, from <see cref="RunScheduled"/>; a run
    /// whose every live member waits so, with no step to take, cannot make progress (<see cref="Joining"/>).
    /// </summary>
    public async ValueTask<T> WhileJoining<T>(int member, int target, ValueTask<T> waited)
    {
        if (waited.IsCompleted) return waited.Result;
        var wait = (member, target);
        lock (gate)
        {
            parked++;
            joins.Add(wait);
        }
        Signal();
        try
        {
            return await waited.ConfigureAwait(false);
        }
        finally
        {
            lock (gate)
            {
                parked--;
                joins.Remove(wait);
            }
        }
    }

    readonly List<(int Member, int Target)> joins = [];   // guarded by gate: members waiting for a sibling

    /// <summary>A member that waits for its own body (a cancel scope) counts as parked while it waits: called after
    /// <see cref="Enter"/>, undone by <see cref="EndWait"/> once, as the body ends.</summary>
    public void BeginWait()
    {
        lock (gate) parked++;
        Signal();
    }

    /// <summary>The body a member waited for has ended: the member runs again (it <see cref="Exit"/>s later).</summary>
    public void EndWait()
    {
        lock (gate) parked--;
    }

    readonly List<int> alarms = [];   // guarded by gate: the steps at which a running deadline fires

    /// <summary>
    /// A deadline of a cancel scope (a timer on the run's fake clock) that fires at step <paramref name="at"/>: until
    /// then a run whose live members are all parked, none on a step, is not stuck but steppable, since moving the clock
    /// will cancel some of them. Disposed when the cancel scope ends.
    /// </summary>
    public IDisposable Alarm(int at)
    {
        lock (gate) alarms.Add(at);
        return new Alarmed(this, at);
    }

    sealed class Alarmed(StepClock clock, int at) : IDisposable
    {
        int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) != 0) return;
            lock (clock.gate) clock.alarms.Remove(at);
        }
    }

    /// <summary>The members waiting for a sibling through a join, with the sibling (for the report of a stuck run).</summary>
    public (int Member, int Target)[] Joining()
    {
        lock (gate) return joins.OrderBy(static j => j.Member).ToArray();
    }

    /// <summary>What the driver sees when it may move: the run ended, or every live member is parked.</summary>
    public enum Quiet
    {
        /// <summary>The run's task completed.</summary>
        Ended,

        /// <summary>Every live member is parked, some on a step (or a deadline is ahead): moving the clock releases them.</summary>
        Steppable,

        /// <summary>Every live member is parked, none on a step: only a cancellation can release them.</summary>
        Stuck,
    }

    /// <summary>Waits until <paramref name="run"/> has ended or every live member is parked (and one at least). A member
    /// waiting for a join is parked, not on a step.</summary>
    public async Task<Quiet> UntilQuiet(Task run)
    {
        while (true)
        {
            // Scheduled work first: a run with work waiting is not quiet, and the driver is the one to run it.
            RunScheduled();
            Task wake;
            lock (gate)
            {
                if (posted.Count > 0 || (slots.Count > 0 && slots.Peek().Ready)) continue;
                if (run.IsCompleted) return Quiet.Ended;
                if (live > 0 && parked == live)
                    return waiting.Any(static w => w.OnStep) || alarms.Any(a => a > Now) ? Quiet.Steppable : Quiet.Stuck;
                // Woken by the next park, end or release (and by the run's completion, below). Asynchronous, so that
                // the member signalling goes on with its own work instead of running the driver.
                changed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wake = changed.Task;
            }
            await Task.WhenAny(wake, run).ConfigureAwait(false);
        }
    }

    /// <summary>Moves one step and takes the members parked on a step so far, in member order: the ones
    /// <see cref="Release"/> will wake. Taken before the step's outer event, so that a member the event wakes (a
    /// cleanup that parks on its first step) waits for the next step.</summary>
    public Waiter[] Due()
    {
        Now++;
        lock (gate) return waiting.Where(static w => w.OnStep).OrderBy(static w => w.Member).ToArray();
    }

    /// <summary>Wakes <paramref name="waiter"/>, which runs inline until it parks again or ends (then the work it
    /// scheduled); false when a cancellation settled it meanwhile.</summary>
    public bool Release(Waiter waiter)
    {
        if (!waiter.TrySettle()) return false;
        Inline(waiter.Done.SetResult);
        return true;
    }

    /// <summary>The members parked until a cancellation (for the report of a stuck run).</summary>
    public int[] Hanging()
    {
        lock (gate) return waiting.Where(static w => !w.OnStep).Select(static w => w.Member).Order().ToArray();
    }
}
