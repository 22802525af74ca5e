using LanguageExt;
using LanguageExt.Common;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups.Engine;

/// <summary>
/// A run over a fixed list of <c>Aff</c> children of one type: how each child is started and how its end is observed.
/// A policy (<see cref="AllRun{RT, A}"/>, <see cref="SettleRun{RT, A}"/>) records each outcome through
/// <see cref="OnValue"/> and <see cref="OnFailure"/> and gives the group's result.
/// </summary>
internal abstract class ChildrenRun<RT, A, R> : GroupRun<RT, R>
    where RT : struct, HasCancel<RT>
{
    protected ChildrenRun(int count, GroupOptions options, bool failFast)
        : base(count, options, failFast)
    {
    }

    /// <summary>Child <paramref name="index"/>, asked for when it starts (a streaming policy makes it only then).</summary>
    protected abstract Aff<RT, A> ChildAt(int index);

    /// <summary>Records child <paramref name="index"/>'s value (called once per child, before it counts as ended).</summary>
    protected abstract void OnValue(int index, A value);

    /// <summary>Records child <paramref name="index"/>'s failure, usually through <see cref="GroupRun{RT, R}.ChildFailed"/>.</summary>
    protected abstract void OnFailure(int index, Error error);

    /// <summary>
    /// Runs child <paramref name="index"/> on this thread up to its first real await, as async methods do under
    /// <c>Task.WhenAll</c>. A child made by <see cref="Child"/> is started as the task it is; any other effect's
    /// function is called directly, with the try/catch that <c>Aff.Run</c> would add (the child's exceptions
    /// become its failure, never the group's).
    /// </summary>
    protected override void RunChild(int index, bool byDrainer)
    {
        var child = ChildAt(index);
        if (!AffThunk<RT, A>.Available)
        {
            Observe(index, child.Run(Runtime));
            return;
        }
        var thunk = AffThunk<RT, A>.Of(ref child);
        if (thunk?.Target is TaskChild<A> task)
        {
            StartTask(index, task, byDrainer);
            return;
        }
        ValueTask<Fin<A>> running;
        try
        {
            running = thunk is null ? new(Fin<A>.Fail(Errors.Bottom)) : thunk(Runtime);
        }
        catch (Exception e)
        {
            Ended(index, Fin<A>.Fail(e));
            return;
        }
        Observe(index, running);
    }

    void Observe(int index, ValueTask<Fin<A>> running)
    {
        if (running.IsCompleted) EffectEnded(index, running);
        else new EffectWaiter(this, index, running).Wait();
    }

    void EffectEnded(int index, ValueTask<Fin<A>> running)
    {
        if (running.IsCompletedSuccessfully) Ended(index, running.Result);
        else Unsuccessful(index, running.AsTask());
    }

    /// <summary>The continuation of one running effect child; see <see cref="TaskWaiter"/>.</summary>
    sealed class EffectWaiter(ChildrenRun<RT, A, R> run, int index, ValueTask<Fin<A>> running)
    {
        public void Wait() => running.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(Ended);

        void Ended() => run.EffectEnded(index, running);
    }

    void StartTask(int index, TaskChild<A> child, bool byDrainer)
    {
        ValueTask<A> running;
        try
        {
            running = child.Start(Token);
        }
        catch (Exception e)
        {
            ChildThrew(index, e);
            return;
        }
        ObserveTask(index, running, byDrainer);
    }

    /// <summary>Child <paramref name="index"/>'s start threw <paramref name="thrown"/>: that is its failure.</summary>
    protected void ChildThrew(int index, Exception thrown) => Failed(index, Error.New(thrown));

    /// <summary>
    /// Observes child <paramref name="index"/>'s running task to its end: read at once when it has completed already;
    /// else, on the drainer, looked at again a little later (<see cref="Defer"/>); else through one
    /// <see cref="TaskWaiter"/>. The outcome is recorded and the child counted as ended.
    /// </summary>
    protected void ObserveTask(int index, ValueTask<A> running, bool byDrainer)
    {
        if (running.IsCompleted) TaskEnded(index, running);
        else if (byDrainer && DefersObservation) Defer(index, running);
        else new TaskWaiter(this, index, running).Wait();
    }

    // ---- Deferred observation ----
    //
    // A child's task that is still running as it starts usually completes moments later: in a wide fan-out the thread
    // pool runs the first children while the drainer still starts the next ones. So the drainer does not wait for such
    // a task at once: it notes it in a window of the last Window noted tasks and looks at it again once Window more
    // have been noted (or at the end of its pass), and only a task still running then gets a waiter. Most tasks of a
    // fan-out have completed by that time, as under Task.WhenAll (which registers on its tasks only once all are made),
    // and cost no continuation at all.
    // The window is written and read by the drainer only (one thread at a time, RunCore.Pump); every noted child holds
    // its share, so the run cannot conclude before its task was looked at. G2 is kept: a child that fails as it starts
    // (a completed task) is seen at once, and one that fails later is seen at the latest Window starts later (a waiter
    // sees it as it ends, as before, once the drainer has looked).

    /// <summary>
    /// Whether a policy lets the drainer defer (true unless it says otherwise). A race does not: its winner is the first
    /// child seen to succeed, and a loser's failure counts as a cleanup failure only when seen after the winner, so it
    /// must see each end as it happens.
    /// </summary>
    protected virtual bool DefersObservation => true;

    /// <summary>How many noted tasks the window holds: the most starts a failure can go unseen for.</summary>
    internal const int Window = 2048;

    // A window the drainer of some run on this thread used and gave back: reused by the next, so a run does not
    // allocate one (a nested run started on the same thread while one is in use makes its own). It holds no task once
    // given back; its size (2,048 entries: 48 KiB for a small A, under the large-object threshold) stays with the
    // thread, once per child type.
    [ThreadStatic] static (int Index, ValueTask<A> Running)[]? spareWindow;

    (int Index, ValueTask<A> Running)[]? window;
    int oldest;
    int noted;

    void Defer(int index, ValueTask<A> running)
    {
        if (window is null)
        {
            window = spareWindow ?? new (int, ValueTask<A>)[Window];
            spareWindow = null;
        }
        if (noted < Window)
        {
            window[(oldest + noted) % Window] = (index, running);
            noted++;
            return;
        }
        // Full: the oldest noted task has had Window starts to complete; look at it, note this one in its place.
        var (before, hisRunning) = window[oldest];
        window[oldest] = (index, running);
        oldest = (oldest + 1) % Window;
        LookAt(before, hisRunning);
    }

    void LookAt(int index, ValueTask<A> running)
    {
        if (running.IsCompleted) TaskEnded(index, running);
        else new TaskWaiter(this, index, running).Wait();
    }

    protected sealed override void DrainPassEnding()
    {
        if (window is not { } noting) return;
        // Looking may end children (and, through a freed slot, ask the drainer for one more pass), never start one.
        while (noted > 0)
        {
            var (index, running) = noting[oldest];
            noting[oldest] = default;
            oldest = (oldest + 1) % Window;
            noted--;
            LookAt(index, running);
        }
        oldest = 0;
        window = null;
        spareWindow = noting;
    }

    void TaskEnded(int index, ValueTask<A> running)
    {
        if (running.IsCompletedSuccessfully) Succeeded(index, running.Result);
        else Unsuccessful(index, running.AsTask());
    }

    /// <summary>
    /// A child whose task faulted or was cancelled. Nothing is rethrown on this path: a cancelled task while the
    /// group's token is cancelled is a cancellation (G13) and needs no exception at all, and a fault is read from the
    /// task, which also marks it observed. (100,000 children cancelled at once cost no exception throws.)
    /// </summary>
    void Unsuccessful(int index, Task ended)
    {
        if (ended.IsCanceled && Token.IsCancellationRequested)
        {
            MarkIncomplete();
            ChildEnded();
        }
        else Failed(index, Error.New(TaskOutcome.ExceptionOf(ended)));
    }

    /// <summary>
    /// The continuation of one running task child: one small object and its delegate, cheaper than an async state
    /// machine (no execution context to restore, no task of its own to complete). It never throws.
    /// </summary>
    sealed class TaskWaiter(ChildrenRun<RT, A, R> run, int index, ValueTask<A> running)
    {
        public void Wait() => running.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(Ended);

        void Ended() => run.TaskEnded(index, running);
    }

    void Ended(int index, Fin<A> outcome)
    {
        if (outcome.IsSucc) Succeeded(index, (A)outcome);
        else Failed(index, (Error)outcome);
    }

    void Succeeded(int index, A value)
    {
        // LanguageExt's Fin holds no null: a task that completes with null fails its child, as it would as an Aff.
        if (value is null) OnFailure(index, Error.New(new ValueIsNullException("The child completed with null.")));
        else OnValue(index, value);
        ChildEnded();
    }

    void Failed(int index, Error error)
    {
        OnFailure(index, error);
        ChildEnded();
    }
}
