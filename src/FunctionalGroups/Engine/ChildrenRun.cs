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
    /// <c>Task.WhenAll</c>, started the engine's way (<see cref="ChildStart{RT, A}"/>): a child made by
    /// <see cref="Child"/> as the task it is, any other effect's function directly. The child's exceptions become its
    /// failure, never the group's.
    /// </summary>
    protected override void RunChild(int index)
    {
        var child = ChildAt(index);
        if (ChildStart<RT, A>.NameOf(ref child) is { } name) NoteName(index, name);
        bool isTask;
        ValueTask<A> task;
        ValueTask<Fin<A>> running;
        try
        {
            isTask = ChildStart<RT, A>.Begin(ref child, Runtime, Token, out task, out running);
        }
        catch (Exception e)
        {
            ChildThrew(index, e);
            return;
        }
        if (isTask) ObserveTask(index, task);
        else Observe(index, running);
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

    /// <summary>Child <paramref name="index"/>'s start threw <paramref name="thrown"/>: that is its failure.</summary>
    protected void ChildThrew(int index, Exception thrown) => Failed(index, Error.New(thrown));

    /// <summary>
    /// Observes child <paramref name="index"/>'s running task to its end: read at once when it has completed
    /// already, else through one <see cref="TaskWaiter"/>. The outcome is recorded and the child counted as ended.
    /// </summary>
    /// <remarks>
    /// The waiter is registered as the child starts, never later: an end must be seen as it happens. Issue 13 tried
    /// putting the look off (a window of 2,048 noted tasks, looked at again later, so that most tasks of a wide fan-out
    /// would have completed and need no waiter, as under <c>Task.WhenAll</c>); it saved about half the waiters at
    /// 100,000 children and broke three rules. G2: a child that fails while later siblings start must shut the group
    /// down before the next start, and must cancel a sibling whose synchronous start waits on the starting thread for
    /// that cancel (it waited for ever). G13: a failure is a cancellation only if the group's token was cancelled when
    /// the child ended; looked at later, an <c>OperationCanceledException</c> of the child's own (an HTTP timeout) that
    /// ended before a sibling's failure or the parent's cancel was taken for a cancellation and lost (G3, G7).
    /// (<c>G02_FailFastWhileASiblingStartsTests</c>, <c>FastPathsReviewTests</c>.)
    /// </remarks>
    protected void ObserveTask(int index, ValueTask<A> running)
    {
        if (running.IsCompleted) TaskEnded(index, running);
        else new TaskWaiter(this, index, running).Wait();
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
            ChildCancelled(index);
            ChildEnded(index);
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
        ChildEnded(index);
    }

    void Failed(int index, Error error)
    {
        OnFailure(index, error);
        ChildEnded(index);
    }
}
