using FunctionalGroups.Diagnostics;
using LanguageExt;
using LanguageExt.Common;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups.Engine;

/// <summary>
/// One run of a group of a fixed list of children (<c>All</c>, <c>Zip</c>, <c>Traverse</c>, <c>Settle</c>,
/// <c>Validate</c>, <c>Race</c>). A policy (here <see cref="AllRun{RT, A}"/>) says how a child is run and what the
/// group's result is; this class keeps the rules of a fixed list, and <see cref="RunCore{RT, R}"/> the membership
/// (G1's count, G18's cancel-then-conclude, G15's admission, G7, G14):
/// <list type="bullet">
/// <item><b>G1 join-all.</b> Every child holds a share of the member count from the start until it ended or was
/// skipped; the run concludes only when the last share goes.</item>
/// <item><b>G2 fail fast.</b> <see cref="RecordFailure"/> records the failure and cancels the siblings in one
/// step; the drainer checks the token before each child, so children not yet started never start.</item>
/// <item><b>G15 start order.</b> Children start only through the drainer, in argument order, under any limit.</item>
/// <item><b>G16 context.</b> Every child starts in the caller's <see cref="ExecutionContext"/>, restored before each
/// start, so a child started later under a limit sees the caller's AsyncLocal values and none of its siblings'.</item>
/// <item><b>G3/G13.</b> <see cref="ChildFailed"/> tells cancellations from failures; every real failure is kept
/// by child index (G5 order).</item>
/// </list>
/// </summary>
internal abstract class GroupRun<RT, R> : RunCore<RT, R>
    where RT : struct, HasCancel<RT>
{
    /// <summary>True when the first real failure cancels the siblings (G2).</summary>
    protected bool FailFast => failFast;

    /// <summary>Number of children; fixed at construction.</summary>
    protected readonly int Count;

    readonly GroupOptions options;

    // True: the first real failure cancels the siblings (G2). False for the policies that let every child settle.
    readonly bool failFast;

    // The next child to start. Written and read only by the drainer (one thread at a time, see RunCore.Pump).
    int next;

    // The caller's context, captured by Start on the caller's thread; every child starts in it (G16). Null when the
    // caller suppressed the flow: then children start in whatever context the starting thread has, as Task.Run would.
    ExecutionContext? callerContext;

    // Real failures by child index. Allocated by the first failure (CompareExchange); slot i is written only by
    // child i, before that child's share is released, so the concluding thread sees every write.
    Error?[]? failures;

    // 1 once some child ended cancelled or was never started: the run has no complete set of results.
    int incomplete;

    // Each child's state (ChildStates): slot i is written by the thread that starts child i (Running) and by the one
    // that ends it (an end state), before its share is released, so the conclusion sees every end. The live tree reads
    // the slots at any time, racily: a byte is read whole, and a snapshot is a picture of a moment.
    readonly byte[] states;

    // Children's names, for the spans, the tree and who-cancelled-whom; allocated by the first named child's start
    // (CompareExchange). Slot i is written once, by the drainer, before child i's code runs.
    string?[]? names;

    protected GroupRun(int count, GroupOptions options, bool failFast)
    {
        Count = count;
        this.options = options;
        this.failFast = failFast;
        states = new byte[count];
    }

    /// <summary>A child's state in <see cref="states"/>. Waiting is the default: never started.</summary>
    static class ChildStates
    {
        public const byte Waiting = 0;
        public const byte Running = 1;
        public const byte Succeeded = 2;
        public const byte Failed = 3;
        public const byte Cancelled = 4;
    }

    protected sealed override int TraceSize => Count;

    protected sealed override int MemberCount => Count;

    /// <summary>Notes child <paramref name="index"/>'s name, read as it starts (before its code runs); its span, if any,
    /// is named after it.</summary>
    protected void NoteName(int index, string name)
    {
        var slots = Volatile.Read(ref names)
                    ?? Interlocked.CompareExchange(ref names, new string?[Count], null)
                    ?? names!;
        slots[index] = name;
        Trace?.NameChild(index, name);
    }

    string? NameOf(int index) => Volatile.Read(ref names)?[index];

    /// <summary>For the live tree: the name of child <paramref name="index"/>, which has not started yet, if the policy
    /// holds it as a value it can look at without running anything (a fixed list does; a traversal makes it only as it
    /// starts). Called on any thread.</summary>
    protected virtual string? WaitingName(int index) => null;

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
        if (!Open(parent, options, out var refused)) return new(refused);
        AddMembers(Count);
        callerContext = CaptureForMembers();
        Pump();
        return LeaveAsStarter();
    }

    protected sealed override bool HasWaiting => next < Count;

    protected sealed override ExecutionContext? DrainContext => callerContext;

    protected sealed override void StartNext()
    {
        var index = next++;
        if (callerContext is not null) ExecutionContext.Restore(callerContext);
        // With StartOnThreadPool the children are handed to the pool here, in order, and run there side by side in the
        // caller's context (QueueUserWorkItem flows the context just restored); each checks the token when its turn
        // comes and does not start once the group is cancelled (G2).
        if (options.StartOnThreadPool) ThreadPool.QueueUserWorkItem(static s => s.Run.StartQueued(s.Index), (Run: this, Index: index), preferLocal: false);
        else
        {
            Begin(index);
            if (next == Count) EveryChildStarted();
        }
    }

    /// <summary>
    /// Starts child <paramref name="index"/> on this thread: its state, its span when traced (made current for the
    /// child's code only: the thread's current span is put back once the child's synchronous start returned), its code.
    /// </summary>
    void Begin(int index)
    {
        states[index] = ChildStates.Running;
        var starting = EnterChildStart(index);
        if (Trace is not { } trace) RunChild(index);
        else
        {
            var before = System.Diagnostics.Activity.Current;
            trace.StartChild(index, null);
            RunChild(index);
            System.Diagnostics.Activity.Current = before;
        }
        LeaveChildStart(starting);
    }

    /// <summary>
    /// Called by the drainer once the last child has started (not with <see cref="GroupOptions.StartOnThreadPool"/>,
    /// where children read their start later): a policy drops what it kept only to start children, so a long run keeps
    /// alive only what its running children still need.
    /// </summary>
    protected virtual void EveryChildStarted()
    {
    }

    void StartQueued(int index)
    {
        if (Token.IsCancellationRequested)
        {
            MarkIncomplete();
            ChildEnded(index);
        }
        else Begin(index);
    }

    protected sealed override void SkipWaiting()
    {
        var skipped = Count - next;
        next = Count;
        MarkIncomplete();
        Trace?.Skipped(skipped);
        // The drainer's caller holds a share of its own, so this release never concludes under the drainer's feet.
        Leave(skipped);
    }

    /// <summary>
    /// Records a child's failed outcome (rule G13): it is a cancellation, and not reported, iff the group's
    /// token was cancelled when the child ended and the error is a cancellation; otherwise it is a real failure.
    /// </summary>
    protected void ChildFailed(int index, Error? error)
    {
        error ??= Errors.Bottom;
        if (Token.IsCancellationRequested && Cancellation.IsCancellation(error)) ChildCancelled(index);
        else
        {
            states[index] = ChildStates.Failed;
            RecordFailure(index, error);
        }
    }

    /// <summary>Child <paramref name="index"/> ended cancelled: it has no result, and is no failure (G13).</summary>
    protected void ChildCancelled(int index)
    {
        states[index] = ChildStates.Cancelled;
        MarkIncomplete();
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
        if (failFast) ShutDown(index, NameOf(index));
    }

    /// <summary>Called once per child, after its outcome was recorded (G1: the run waits for every call).</summary>
    protected void ChildEnded(int index)
    {
        var state = states[index];
        if (state == ChildStates.Running) states[index] = state = ChildStates.Succeeded;
        if (Trace is { } trace)
        {
            if (state == ChildStates.Waiting) trace.Skipped(1);
            else trace.EndChild(index, NameOf(index),
                state == ChildStates.Succeeded ? MemberOutcome.Succeeded
                : state == ChildStates.Failed ? MemberOutcome.Failed
                : MemberOutcome.Cancelled,
                state == ChildStates.Failed ? Volatile.Read(ref failures)?[index] : null);
        }
        // The slot goes to the next child before this one's share is released.
        if (Limit != 0) SlotFreed();
        Leave();
    }

    protected sealed override Fin<R> Conclude()
    {
        var failure = CollectFailures();
        var incompleteRun = Volatile.Read(ref incomplete) == 1;
        if (TimedOutOutcome(failure?.Errors.ToArray() ?? [], incompleteRun, Count, () => CancellationOf(CancelledChildren())) is { } timedOut)
            return Fin<R>.Fail(timedOut);
        return Outcome(failure, incompleteRun);
    }

    GroupError? CollectFailures()
    {
        if (Volatile.Read(ref failures) is null && !HasOrphans) return null;
        var all = FailuresByIndex().Select(static f => f.Error).ToList();
        return all.Count == 0 ? null
            : new GroupError(all.ToSeq(), Math.Max(Count, all.Count)) { Cancellation = CancellationOf(CancelledChildren()) };
    }

    /// <summary>The children that ended cancelled or never started, in child order (read after the last share).</summary>
    IEnumerable<CancelledChild> CancelledChildren()
    {
        for (var i = 0; i < states.Length; i++)
            if (states[i] is ChildStates.Cancelled or ChildStates.Waiting)
                // A child that never started has no name noted: the policy may still know it (a fixed list does).
                yield return new CancelledChild(i, NameOf(i) ?? (states[i] == ChildStates.Waiting ? WaitingName(i) : null),
                    states[i] == ChildStates.Cancelled);
    }

    /// <summary>The live tree's view of this run: counts, and the children not done yet (at most
    /// <see cref="RunRegistry.MaxMembersShown"/>), each with its state and age.</summary>
    internal sealed override GroupNode Describe(long now)
    {
        int running = 0, done = 0;
        var members = new List<ChildNode>();
        var cancelling = Token.IsCancellationRequested;
        var age = Age(StartedAt, now);
        for (var i = 0; i < states.Length; i++)
        {
            var state = states[i];
            if (state >= ChildStates.Succeeded)
            {
                done++;
                continue;
            }
            if (state == ChildStates.Running) running++;
            if (members.Count == RunRegistry.MaxMembersShown) continue;
            members.Add(new ChildNode(i, state == ChildStates.Waiting ? WaitingName(i) : NameOf(i),
                state == ChildStates.Waiting ? ChildState.Waiting : cancelling ? ChildState.Cancelling : ChildState.Running,
                state == ChildStates.Waiting ? null : Trace?.ChildAge(i, now) ?? (Limit == 0 ? age : null),
                LanguageExt.Seq<GroupNode>.Empty));
        }
        return new GroupNode(Id, Policy, Count, running, done, Limit == 0 ? null : Limit, options.Timeout, age,
            cancelling ? GroupState.Cancelling : GroupState.Running, members.ToSeq().Strict(), LanguageExt.Seq<GroupNode>.Empty);
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
