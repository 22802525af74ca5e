using System.Runtime.CompilerServices;
using LanguageExt;
using LanguageExt.Common;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups.Engine;

/// <summary>
/// One run of a group of a fixed list of children (<c>All</c>, <c>Zip</c>). A policy (here
/// <see cref="AllRun{RT, A}"/>) says how a child is run and what the group's result is; this class keeps the
/// rules (with <see cref="RunCore{RT, R}"/>, which keeps G7, G3's orphans and G14's cancel and completion):
/// <list type="bullet">
/// <item><b>G1 join-all.</b> <see cref="pending"/> counts every child that has not ended; the run concludes only
/// when it reaches zero, whatever happened (failure, outer cancel, a child that ignores cancellation).</item>
/// <item><b>G2 fail fast.</b> <see cref="RecordFailure"/> records the failure and cancels the siblings in one
/// step; the start loop checks the token before each child, so children not yet started never start.</item>
/// <item><b>G3/G13.</b> <see cref="ChildFailed"/> tells cancellations from failures; every real failure is kept
/// by child index (G5 order).</item>
/// <item><b>G14.</b> The start loop checks the stack and continues on the thread pool when it runs low, so
/// 100,000 nested groups do not recurse without bound on start.</item>
/// </list>
/// </summary>
internal abstract class GroupRun<RT, R> : RunCore<RT, R>
    where RT : struct, HasCancel<RT>
{
    /// <summary>Number of children; fixed at construction.</summary>
    protected readonly int Count;

    readonly bool startOnThreadPool;

    // True: the first real failure cancels the siblings (G2). False for the policies that let every child settle.
    readonly bool failFast;

    // 0: no limit. Otherwise at most this many children run at once; `next` is the next child to start, and
    // `freed` counts the slots freed but not yet refilled (see Refill).
    readonly int maxParallelism;
    int next;
    int freed;

    readonly GroupOptions options;

    // Invariant: pending == children not yet ended (started or still to start) + 1 while the start loop runs.
    // Whoever brings it to zero concludes the run, exactly once.
    int pending;

    // Real failures by child index. Allocated by the first failure (CompareExchange); slot i is written only by
    // child i, before that child's decrement of `pending`, so the concluding thread sees every write.
    Error?[]? failures;

    // 1 once some child ended cancelled or was never started: the run has no complete set of results.
    int incomplete;

    protected GroupRun(int count, GroupOptions options, bool failFast)
    {
        Count = count;
        startOnThreadPool = options.StartOnThreadPool;
        maxParallelism = options.MaxParallelism;
        this.options = options;
        this.failFast = failFast;
    }

    /// <summary>Runs child <paramref name="index"/> under the run's runtime; once it has ended, the policy
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
        if (!Open(parent, out var refused)) return new(refused);
        pending = Count + 1;
        StartTimeout(options);
        var first = maxParallelism == 0 ? Count : Math.Min(maxParallelism, Count);
        next = first;
        if (StartFrom(0, first) && TryConclude(out var result)) return new(result);
        return Pending;
    }


    /// <summary>
    /// The start loop, over children <paramref name="first"/> up to <paramref name="end"/> (the first wave under a
    /// parallelism limit). Returns true when it released the last share of <see cref="pending"/>.
    /// </summary>
    bool StartFrom(int first, int end)
    {
        var skipped = 0;
        for (var i = first; i < end; i++)
        {
            // G2: once the group is cancelled, the children not yet started never start.
            if (Token.IsCancellationRequested)
            {
                skipped = end - i + SkipRest();
                MarkIncomplete();
                break;
            }
            // G14: children start on this thread, so a nested group starts its own children deeper on this
            // stack. When it runs low, the rest of the loop moves to the thread pool, on a fresh stack.
            if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
            {
                ThreadPool.QueueUserWorkItem(static s => s.Run.ResumeStart(s.Next, s.End), (Run: this, Next: i, End: end), preferLocal: false);
                return false;
            }
            StartChild(i);
        }
        return Interlocked.Add(ref pending, -(skipped + 1)) == 0;
    }

    /// <summary>Claims every child not yet started (under a parallelism limit) and gives how many there were.</summary>
    int SkipRest() => Math.Max(0, Count - Interlocked.Exchange(ref next, Count));

    void ResumeStart(int first, int end)
    {
        if (StartFrom(first, end)) ConcludeAndSignal();
    }

    void StartChild(int index)
    {
        if (startOnThreadPool) ThreadPool.QueueUserWorkItem(static s => s.Run.StartQueued(s.Index), (Run: this, Index: index), preferLocal: false);
        else RunChild(index);
    }

    /// <summary>
    /// Under a parallelism limit, an ended child frees its slot for the next child in order. The thread that frees
    /// the first of a run of slots refills them all in a loop, so children that end while being started refill
    /// through that loop instead of recursing (G14). Once the group is cancelled the rest are skipped (G2): each
    /// releases its share of <see cref="pending"/>, which the caller's own share still holds above zero.
    /// </summary>
    void Refill()
    {
        if (Interlocked.Increment(ref freed) != 1) return;
        do
        {
            if (Token.IsCancellationRequested)
            {
                // G2: none of the rest will start; their shares go at once (the caller's own share is still held).
                var skipped = SkipRest();
                if (skipped > 0)
                {
                    MarkIncomplete();
                    Interlocked.Add(ref pending, -skipped);
                }
                continue;
            }
            var index = Interlocked.Increment(ref next) - 1;
            if (index < Count) StartChild(index);
        }
        while (Interlocked.Decrement(ref freed) != 0);
    }

    /// <summary>A child queued to the thread pool checks the token again when its turn comes (G2).</summary>
    void StartQueued(int index)
    {
        if (Token.IsCancellationRequested)
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
        if (Token.IsCancellationRequested && Cancellation.IsCancellation(error)) MarkIncomplete();
        else RecordFailure(index, error);
    }

    /// <summary>Marks that some child has no result (cancelled or never started).</summary>
    protected void MarkIncomplete() => Volatile.Write(ref incomplete, 1);

    /// <summary>
    /// Records a real failure and, if it is the first and the policy fails fast, cancels the siblings: one
    /// operation, so no failure can be recorded without the group shutting down (G2, G3).
    /// </summary>
    protected void RecordFailure(int index, Error error)
    {
        var slots = Volatile.Read(ref failures)
                    ?? Interlocked.CompareExchange(ref failures, new Error?[Count], null)
                    ?? failures!;
        slots[index] = error;
        if (failFast) ShutDown();
    }

    /// <summary>Called once per child, after its outcome was recorded (G1: the run waits for every call).</summary>
    protected void ChildEnded()
    {
        // The next child takes the freed slot before this one's share is released, so the count cannot reach
        // zero while a child is still to start.
        if (maxParallelism != 0) Refill();
        if (Interlocked.Decrement(ref pending) == 0) ConcludeAndSignal();
    }

    protected sealed override Fin<R> Conclude()
    {
        var failure = CollectFailures();
        var incompleteRun = Volatile.Read(ref incomplete) == 1;
        if (TimedOutOutcome(failure?.Errors.ToArray() ?? [], incompleteRun, Count) is { } timedOut)
            return Fin<R>.Fail(timedOut);
        return Outcome(failure, incompleteRun);
    }

    GroupError? CollectFailures()
    {
        if (Volatile.Read(ref failures) is null && !HasOrphans) return null;
        var all = FailuresByIndex().Select(static f => f.Error).ToList();
        return all.Count == 0 ? null : new GroupError(all.ToSeq(), Math.Max(Count, all.Count));
    }

    /// <summary>Every real failure with its child's index, in child order, then the orphans (index -1).</summary>
    protected IEnumerable<(int Index, Error Error)> FailuresByIndex()
    {
        if (Volatile.Read(ref failures) is { } slots)
            for (var i = 0; i < slots.Length; i++)
                if (slots[i] is { } error) yield return (i, error);
        foreach (var orphan in Orphans) yield return (-1, orphan);
    }
}
