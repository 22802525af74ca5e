using System.Runtime.CompilerServices;
using System.Threading.Tasks.Sources;
using LanguageExt;
using LanguageExt.Common;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups.Engine;

/// <summary>
/// One run of a group: the engine every group form shares. A policy (here <see cref="AllRun{RT, A}"/>) says how a
/// child is run and what the group's result is; this class keeps the structured-concurrency rules:
/// <list type="bullet">
/// <item><b>G1 join-all.</b> <see cref="pending"/> counts every child that has not ended; the run concludes only
/// when it reaches zero, whatever happened (failure, outer cancel, a child that ignores cancellation).</item>
/// <item><b>G2 fail fast.</b> <see cref="RecordFailure"/> records the failure and cancels the siblings in one
/// step; the start loop checks the token before each child, so children not yet started never start.</item>
/// <item><b>G3/G13.</b> <see cref="ChildFailed"/> tells cancellations from failures; every real failure is kept
/// by child index (G5 order), and exceptions thrown by cancellation callbacks are kept too.</item>
/// <item><b>G7.</b> The children share one child runtime made by one <c>LocalCancel</c> per run, linked to the
/// parent's token; the link is disposed, then the source, after the last child ended.</item>
/// <item><b>G14.</b> Starting, cancelling and completing each check the stack and continue on the thread pool
/// when it runs low, so 100,000 nested groups neither recurse without bound on start nor on completion.</item>
/// </list>
/// An instance is used for exactly one run; the run's <see cref="ValueTask{TResult}"/> is backed by the instance.
/// </summary>
internal abstract class GroupRun<RT, R> : IValueTaskSource<Fin<R>>
    where RT : struct, HasCancel<RT>
{
    /// <summary>Number of children; fixed at construction.</summary>
    protected readonly int Count;

    readonly bool startOnThreadPool;

    // Written once by Start, on the starting thread, before the first child starts; only read afterwards.
    // Children started later see them: a thread-pool hand-off or a direct call both order the writes first.
    RT runtime;
    CancellationTokenSource? source;
    CancellationToken token;
    CancellationTokenRegistration parentLink;

    // Invariant: pending == children not yet ended (started or still to start) + 1 while the start loop runs.
    // Whoever brings it to zero concludes the run, exactly once.
    int pending;

    // 0 until the first real failure, then 1 forever: the run is shutting down.
    int failing;

    // Real failures by child index. Allocated by the first failure (CompareExchange); slot i is written only by
    // child i, before that child's decrement of `pending`, so the concluding thread sees every write.
    Error?[]? failures;

    // Failures that belong to no child: exceptions thrown by cancellation callbacks while the run cancelled.
    System.Collections.Concurrent.ConcurrentQueue<Error>? orphans;

    // 1 once some child ended cancelled or was never started: the run has no complete set of results.
    int incomplete;

    // The result, when the run concludes after Start returned; see Signal.
    ManualResetValueTaskSourceCore<Fin<R>> completion;
    Fin<R> deferredResult;

    protected GroupRun(int count, bool startOnThreadPool)
    {
        Count = count;
        this.startOnThreadPool = startOnThreadPool;
    }

    /// <summary>The runtime every child of this run shares.</summary>
    protected RT Runtime => runtime;

    /// <summary>The token of <see cref="Runtime"/>: the group's token.</summary>
    protected CancellationToken Token => token;

    /// <summary>Runs child <paramref name="index"/> under <see cref="Runtime"/>; once it has ended, the policy
    /// records its outcome (<see cref="ChildFailed"/>) and calls <see cref="ChildEnded"/> exactly once.</summary>
    protected abstract void RunChild(int index);

    /// <summary>The group's result, once every child has ended.</summary>
    /// <param name="failure">Every real failure, in child order; null when there was none.</param>
    /// <param name="incompleteRun">Some child ended cancelled or never started.</param>
    protected abstract Fin<R> Outcome(GroupError? failure, bool incompleteRun);

    /// <summary>Starts the run under <paramref name="parent"/>; the value completes when every child has ended.</summary>
    public ValueTask<Fin<R>> Start(RT parent)
    {
        // G7 edge cases: an empty group succeeds; a parent cancelled at start starts no child.
        if (Count == 0) return new(Outcome(null, false));
        var parentToken = parent.CancellationToken;
        if (parentToken.IsCancellationRequested) return new(Fin<R>.Fail(Errors.Cancelled));

        runtime = parent.LocalCancel;
        source = runtime.CancellationTokenSource;
        if (source is null)
            return new(Fin<R>.Fail(Error.New(new InvalidOperationException(
                $"{typeof(RT).Name}.LocalCancel gave a runtime without a CancellationTokenSource; a group needs one to cancel its children."))));
        token = source.Token;
        pending = Count + 1;

        // The link from the parent: registered before the first child starts, so no child can miss a parent
        // cancel. If the parent is cancelled right now, the callback runs inline and no child starts.
        if (parentToken.CanBeCanceled)
            parentLink = parentToken.UnsafeRegister(static s => ((GroupRun<RT, R>)s!).CancelChildren(), this);

        if (StartFrom(0) && TryConclude(out var result)) return new(result);
        return new(this, completion.Version);
    }

    /// <summary>The start loop. Returns true when it released the last share of <see cref="pending"/>.</summary>
    bool StartFrom(int first)
    {
        var skipped = 0;
        for (var i = first; i < Count; i++)
        {
            // G2: once the group is cancelled, the children not yet started never start.
            if (token.IsCancellationRequested)
            {
                skipped = Count - i;
                MarkIncomplete();
                break;
            }
            // G14: children start on this thread, so a nested group starts its own children deeper on this
            // stack. When it runs low, the rest of the loop moves to the thread pool, on a fresh stack.
            if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
            {
                ThreadPool.QueueUserWorkItem(static s => s.Run.ResumeStart(s.Next), (Run: this, Next: i), preferLocal: false);
                return false;
            }
            if (startOnThreadPool) ThreadPool.QueueUserWorkItem(static s => s.Run.StartQueued(s.Index), (Run: this, Index: i), preferLocal: false);
            else RunChild(i);
        }
        return Interlocked.Add(ref pending, -(skipped + 1)) == 0;
    }

    void ResumeStart(int next)
    {
        if (StartFrom(next) && TryConclude(out var result)) Signal(result);
    }

    /// <summary>A child queued to the thread pool checks the token again when its turn comes (G2).</summary>
    void StartQueued(int index)
    {
        if (token.IsCancellationRequested)
        {
            MarkIncomplete();
            ChildEnded();
        }
        else RunChild(index);
    }

    /// <summary>
    /// Records a child's failed outcome (rule G13): it is a cancellation, and not reported, iff the group's
    /// token was cancelled when the child ended and the error is a cancellation; otherwise it is a real failure.
    /// </summary>
    protected void ChildFailed(int index, Error? error)
    {
        error ??= Errors.Bottom;
        if (token.IsCancellationRequested && Cancellation.IsCancellation(error)) MarkIncomplete();
        else RecordFailure(index, error);
    }

    /// <summary>Marks that some child has no result (cancelled or never started).</summary>
    protected void MarkIncomplete() => Volatile.Write(ref incomplete, 1);

    /// <summary>
    /// Records a real failure and, if it is the first, cancels the siblings: one operation, so no failure can be
    /// recorded without the group shutting down (G2, G3).
    /// </summary>
    protected void RecordFailure(int index, Error error)
    {
        var slots = Volatile.Read(ref failures)
                    ?? Interlocked.CompareExchange(ref failures, new Error?[Count], null)
                    ?? failures!;
        slots[index] = error;
        if (Interlocked.Exchange(ref failing, 1) == 0) CancelChildren();
    }

    /// <summary>Cancels every child through the shared source: on the first failure or on a parent cancel.</summary>
    void CancelChildren()
    {
        // G14: cancelling runs the children's callbacks inline, and a nested group's callback cancels its own
        // children in turn; on a deep tree that recursion moves to the thread pool when the stack runs low.
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            ThreadPool.UnsafeQueueUserWorkItem(static s => s.CancelChildren(), this, preferLocal: false);
            return;
        }
        try
        {
            source!.Cancel();
        }
        catch (AggregateException thrown)
        {
            // G3: a callback that throws while its child is cancelled is cleanup code failing: report it.
            foreach (var e in thrown.InnerExceptions) RecordOrphan(Error.New(e));
        }
        catch (ObjectDisposedException)
        {
            // Only a cancel deferred to the thread pool can arrive after the run concluded: nothing is left to cancel.
        }
    }

    void RecordOrphan(Error error)
    {
        var queue = Volatile.Read(ref orphans)
                    ?? Interlocked.CompareExchange(ref orphans, new(), null)
                    ?? orphans!;
        queue.Enqueue(error);
        Interlocked.Exchange(ref failing, 1);
    }

    /// <summary>Called once per child, after its outcome was recorded (G1: the run waits for every call).</summary>
    protected void ChildEnded()
    {
        if (Interlocked.Decrement(ref pending) == 0 && TryConclude(out var result)) Signal(result);
    }

    /// <summary>
    /// Concludes the run: every child has ended. First the parent link is disposed, which waits (asynchronously)
    /// for a parent callback that may still be cancelling our source; only then the source is disposed and the
    /// outcome read, so no callback can touch a disposed source or add a failure after the outcome was taken.
    /// Returns false when the link was busy: the run then concludes later and signals its awaiter.
    /// </summary>
    bool TryConclude(out Fin<R> result)
    {
        var unlinked = parentLink.DisposeAsync();
        if (!unlinked.IsCompletedSuccessfully)
        {
            _ = ConcludeLater(unlinked);
            result = default;
            return false;
        }
        result = Finish();
        return true;
    }

    async Task ConcludeLater(ValueTask unlinked)
    {
        try
        {
            await unlinked.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Disposing a registration does not throw; nothing to report if it ever did.
        }
        Signal(Finish());
    }

    Fin<R> Finish()
    {
        source!.Dispose();
        return Outcome(CollectFailures(), Volatile.Read(ref incomplete) == 1);
    }

    GroupError? CollectFailures()
    {
        var slots = Volatile.Read(ref failures);
        var extra = Volatile.Read(ref orphans);
        if (slots is null && extra is null) return null;
        var all = new List<Error>();
        if (slots is not null)
            foreach (var e in slots)
                if (e is not null) all.Add(e);
        if (extra is not null) all.AddRange(extra);
        return all.Count == 0 ? null : new GroupError(all.ToSeq(), Math.Max(Count, all.Count));
    }

    /// <summary>
    /// Completes the awaiter of a run that concluded after <see cref="Start"/> returned. Completing runs the
    /// awaiting parent inline; through deep nesting that chain is bounded by moving to the thread pool (G14).
    /// </summary>
    void Signal(Fin<R> result)
    {
        if (RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            completion.SetResult(result);
            return;
        }
        deferredResult = result;
        ThreadPool.UnsafeQueueUserWorkItem(static s => s.completion.SetResult(s.deferredResult), this, preferLocal: false);
    }

    Fin<R> IValueTaskSource<Fin<R>>.GetResult(short version) => completion.GetResult(version);

    ValueTaskSourceStatus IValueTaskSource<Fin<R>>.GetStatus(short version) => completion.GetStatus(version);

    void IValueTaskSource<Fin<R>>.OnCompleted(Action<object?> continuation, object? state, short version, ValueTaskSourceOnCompletedFlags flags) =>
        completion.OnCompleted(continuation, state, version, flags);
}
