using System.Runtime.CompilerServices;
using System.Threading.Tasks.Sources;
using LanguageExt;
using LanguageExt.Common;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups.Engine;

/// <summary>
/// The membership core of one run, shared by fixed lists (<see cref="GroupRun{RT, R}"/>) and scopes
/// (<see cref="ScopeRun{RT, R}"/>): the run's child runtime and its link to the parent, the member count, the
/// cancel-then-conclude protocol, the failures that belong to no member, the admission of members under a limit, and
/// the conclusion. A policy never touches this state; it only says how a member runs and what the outcome is.
/// <list type="bullet">
/// <item><b>G1, the member count.</b> <see cref="members"/> counts shares: one per member that has not ended (started
/// or waiting to start), one for the starter while it starts, and one for each canceller while it cancels. Whoever
/// brings it to zero concludes the run, exactly once; nothing can add a share once it is zero.</item>
/// <item><b>G18, cancel-then-conclude.</b> Every cancel (a failure, the parent, the timeout, a parent group, an
/// explicit cancel, a race's winner) holds a share while it runs the token's callbacks. A callback that throws is
/// cleanup code failing and is recorded (G3) before the share is released, so a member that ends inside that very
/// cancel can never conclude the run before the failure is recorded.</item>
/// <item><b>G15, admission.</b> One drainer at a time starts waiting members, in order (<see cref="Pump"/>): the
/// start loop and every slot freed under a limit go through it, so no member starts before an earlier one.</item>
/// <item><b>G14.</b> Cancelling, draining and completing check the stack and continue on the thread pool when it runs
/// low, so deep nesting recurses without bound on none of them.</item>
/// <item><b>G7.</b> The members share one child runtime made by one <c>LocalCancel</c> per run, linked to the
/// parent's token; the link is disposed, then the timer, then the source, after the last share was released.</item>
/// </list>
/// An instance is used for exactly one run; the run's <see cref="ValueTask{TResult}"/> is backed by the instance.
/// </summary>
internal abstract class RunCore<RT, R> : LiveRun, IValueTaskSource<Fin<R>>
    where RT : struct, HasCancel<RT>
{
    // Written once by Open, on the starting thread, before the first member starts; only read afterwards.
    // Members started later see them: a thread-pool hand-off or a direct call both order the writes first.
    RT runtime;
    CancellationTokenSource? source;
    CancellationToken token;
    CancellationTokenRegistration parentLink;

    // The shares (see the class comment). Raised only from above zero; the thread that brings it to zero concludes.
    int members;

    // 0 until the run starts shutting down (its first real failure), then 1 forever.
    int failing;

    // Failures that belong to no member: exceptions thrown by cancellation callbacks while the run cancelled.
    // Written by a canceller while it holds a share; read by Conclude, after the last share.
    System.Collections.Concurrent.ConcurrentQueue<Error>? orphans;

    // The group timeout (G1 holds: on expiry every member is cancelled and joined, nothing is abandoned).
    ITimer? timer;
    int timedOut;

    // Admission under a limit (0: none). `running` counts members holding a slot: raised only by the drainer,
    // lowered by a member's end. `pumping` makes one thread the drainer; a pump that finds a drainer at work only
    // raises it, and the drainer loops once more.
    int limit;
    int running;
    int pumping;

    // How many members the current drain may still start on the thread it runs on before it hands the rest of the
    // drain to Later (G17: a spawn's turn starts at most the child it spawned, never what that child queued). Written
    // by the drainer only, when it becomes the drainer or takes the drain over on another thread.
    int drainBudget;

    // The result, when the run concludes after Start returned; see Signal.
    ManualResetValueTaskSourceCore<Fin<R>> completion;
    Fin<R> deferredResult;

    // The run's spans and measurements; null unless someone listened when the run opened (RunTrace). Written by Open.
    RunTrace? trace;

    /// <summary>The run's spans and measurements; null when no one listens (then nothing is traced).</summary>
    protected RunTrace? Trace => trace;

    /// <summary>A fixed list's size, for its trace (0 for a scope, whose members come and go).</summary>
    protected virtual int TraceSize => 0;

    /// <summary>How many members the run had, for its span: a fixed list's size, a scope's body and spawns.</summary>
    protected abstract int MemberCount { get; }

    internal sealed override CancellationToken OwnToken => token;

    /// <summary>The runtime every member of this run shares.</summary>
    protected RT Runtime => runtime;

    /// <summary>The token of <see cref="Runtime"/>: the group's token.</summary>
    protected CancellationToken Token => token;

    /// <summary>The parallelism limit of this run; 0 for none.</summary>
    protected int Limit => limit;

    /// <summary>The outcome, once every share was released and the source is disposed.</summary>
    protected abstract Fin<R> Conclude();

    /// <summary>
    /// Makes the run's child runtime, links it to <paramref name="parent"/> and starts the timeout of
    /// <paramref name="options"/>, holding the starter's share. False, with the run's result, when no member may
    /// start: the parent is cancelled already (G7), its runtime cannot give a cancellation source, or the timer could
    /// not be made; whatever was made by then is disposed (G12: nothing is left behind on an early exit).
    /// </summary>
    protected bool Open(RT parent, GroupOptions options, out Fin<R> refused)
    {
        refused = default;
        var parentToken = parent.CancellationToken;
        if (parentToken.IsCancellationRequested)
        {
            refused = Fin<R>.Fail(Errors.Cancelled);
            return false;
        }
        try
        {
            runtime = parent.LocalCancel;
            source = runtime.CancellationTokenSource;
            if (source is null)
            {
                refused = Fin<R>.Fail(Error.New(new InvalidOperationException(
                    $"{typeof(RT).Name}.LocalCancel gave a runtime without a CancellationTokenSource; a group needs one to cancel its children.")));
                return false;
            }
            token = source.Token;
            limit = options.Limit;
            members = 1;

            // The link from the parent: registered before the first member starts, so none can miss a parent cancel.
            // If the parent is cancelled right now, the callback runs inline and no member starts.
            if (parentToken.CanBeCanceled)
                parentLink = parentToken.UnsafeRegister(static s => ((RunCore<RT, R>)s!).ParentCancelled(), this);
            if (options.Timeout is { } due)
                timer = options.TimeProvider.CreateTimer(static s => ((RunCore<RT, R>)s!).TimeUp(), this, due, Timeout.InfiniteTimeSpan);
            Opened(parentToken, options);
            return true;
        }
        catch (Exception e)
        {
            // A runtime or a clock that throws: undo what was made, in the order of a conclusion.
            parentLink.Dispose();
            timer?.Dispose();
            source?.Dispose();
            refused = Fin<R>.Fail(Error.New(e));
            return false;
        }
    }

    /// <summary>
    /// The live tree's and the trace's part of opening: when and where the run started, then it is registered (and
    /// traced, if someone listens). Everything a snapshot reads is written before the run is added to the registry.
    /// </summary>
    void Opened(CancellationToken parentToken, GroupOptions options)
    {
        StartedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        OpenedUnder = Enclosing;
        OpenedInChild = StartingChildOf(OpenedUnder?.Run);
        Options = options;
        OpenedIn = ScopeMember.Current;
        trace = RunTrace.Open(this, TraceSize, options);
        if (RunRegistry.Enabled) RunRegistry.Add(this);
    }

    /// <summary>The parent's token was cancelled: cancels every member.</summary>
    void ParentCancelled()
    {
        NoteCause(CancelReason.Parent);
        Cancel();
    }

    /// <summary>Adds <paramref name="count"/> shares; only a holder of a share may call it (the count is above zero).</summary>
    protected void AddMembers(int count) => Interlocked.Add(ref members, count);

    /// <summary>The shares held now; zero once the run concluded.</summary>
    protected int Members => Volatile.Read(ref members);

    /// <summary>Adds one share if the count is still <paramref name="seen"/> (compare-and-set; see <see cref="Members"/>).</summary>
    protected bool TryAddMember(int seen) => Interlocked.CompareExchange(ref members, seen + 1, seen) == seen;

    /// <summary>Adds one share unless the run has concluded (the count is zero).</summary>
    bool TryEnter()
    {
        int seen;
        do
        {
            seen = Volatile.Read(ref members);
            if (seen == 0) return false;
        }
        while (!TryAddMember(seen));
        return true;
    }

    /// <summary>Releases <paramref name="count"/> shares; the call that releases the last one concludes the run.</summary>
    protected void Leave(int count = 1)
    {
        if (Interlocked.Add(ref members, -count) == 0) ConcludeAndSignal();
    }

    /// <summary>
    /// Releases the starter's share and gives the run's awaitable: the result itself when this release concluded
    /// the run at once, otherwise the pending value that the conclusion will complete.
    /// </summary>
    protected ValueTask<Fin<R>> LeaveAsStarter()
    {
        if (Interlocked.Decrement(ref members) == 0 && TryConclude(out var result)) return new(result);
        return new(this, completion.Version);
    }

    /// <summary>The timeout: cancels every member, unless the run is shutting down already.</summary>
    void TimeUp()
    {
        if (token.IsCancellationRequested || !TryEnter()) return;
        Volatile.Write(ref timedOut, 1);
        NoteCause(CancelReason.Timeout);
        CancelHolding();
        Leave();
    }

    /// <summary>
    /// The timeout's part in the outcome, for a run that it cut short (failures, or a member with no result):
    /// <c>Errors.TimedOut</c> alone, or a <see cref="GroupError"/> of the real failures and the timeout. Null when the
    /// timeout did not fire or cut nothing short: a run whose members all succeeded anyway succeeds.
    /// </summary>
    protected Error? TimedOutOutcome(IReadOnlyCollection<Error> failures, bool cutShort, int total, Func<GroupCancellation?> cancellation) =>
        Volatile.Read(ref timedOut) == 0 || (failures.Count == 0 && !cutShort) ? null
        : failures.Count == 0 ? Errors.TimedOut
        : new GroupError(failures.Append(Errors.TimedOut).ToSeq(), Math.Max(total, failures.Count + 1)) { Cancellation = cancellation() };

    /// <summary>Starts shutting down, once, for the real failure of member <paramref name="index"/> (named
    /// <paramref name="name"/>): cancels every member (G2). True for the call that started it.</summary>
    protected bool ShutDown(int index, string? name)
    {
        if (Interlocked.Exchange(ref failing, 1) != 0) return false;
        NoteCause(CancelReason.Failure, index, name);
        Cancel();
        return true;
    }

    /// <summary>
    /// Cancels every member through the shared source: on the first failure, a parent cancel, an explicit cancel or a
    /// race's winner. Holds a share while the callbacks run (G18); after the run concluded it does nothing. Calling it
    /// again is harmless.
    /// </summary>
    protected void Cancel()
    {
        if (!TryEnter()) return;
        CancelHolding();
        Leave();
    }

    /// <summary>Cancels while the caller holds a share for it; the share stays held.</summary>
    void CancelHolding()
    {
        // G14: cancelling runs the members' callbacks inline, and a nested group's callback cancels its own
        // members in turn; on a deep tree that recursion moves to the thread pool when the stack runs low, with a
        // share of its own.
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            OnFreshStack(static s => s.CancelHolding());
            return;
        }
        try
        {
            source!.Cancel();
        }
        catch (AggregateException thrown)
        {
            // G3: a callback that throws while its member is cancelled is cleanup code failing: report it. It is
            // recorded while this share is held, so the run cannot have concluded without it.
            foreach (var e in thrown.InnerExceptions) RecordOrphan(Error.New(e));
        }
    }

    /// <summary>Runs <paramref name="work"/> on the thread pool, on a fresh stack (G14), holding a share of its own
    /// until it is done; the caller holds a share, so the count is above zero.</summary>
    void OnFreshStack(Action<RunCore<RT, R>> work)
    {
        AddMembers(1);
        Later.Run(static s =>
        {
            s.Work(s.Run);
            s.Run.Leave();
        }, (Run: this, Work: work));
    }

    void RecordOrphan(Error error)
    {
        var queue = Volatile.Read(ref orphans)
                    ?? Interlocked.CompareExchange(ref orphans, new(), null)
                    ?? orphans!;
        queue.Enqueue(error);
        Interlocked.Exchange(ref failing, 1);
    }

    /// <summary>Failures that belong to no member, in the order they happened (empty when none).</summary>
    protected IEnumerable<Error> Orphans => Volatile.Read(ref orphans) ?? Enumerable.Empty<Error>();

    /// <summary>Whether some orphan failure was recorded.</summary>
    protected bool HasOrphans => Volatile.Read(ref orphans) is not null;

    // ---- Admission (G15) ----

    /// <summary>True while some member waits to start; read by the drainer only.</summary>
    protected abstract bool HasWaiting { get; }

    /// <summary>Starts the next waiting member, in order; called by the drainer only, with a slot taken for it.</summary>
    protected abstract void StartNext();

    /// <summary>Once the group is cancelled: every waiting member ends without starting (G2); the drainer only.</summary>
    protected abstract void SkipWaiting();

    /// <summary>The context the drainer runs in (each member then restores its own); null to leave it as it is.</summary>
    protected abstract ExecutionContext? DrainContext { get; }

    /// <summary>
    /// Starts waiting members while slots are free, in order; once the group is cancelled, skips them all. One thread
    /// drains at a time: a pump that finds a drainer at work leaves it one more round. The caller holds a share.
    /// A drain begun here starts at most <paramref name="inlineStarts"/> members on this thread; the rest of the drain
    /// then continues through <see cref="Later"/> (a pump that finds a drainer at work leaves it its own budget).
    /// </summary>
    protected void Pump(int inlineStarts = int.MaxValue)
    {
        if (Interlocked.Increment(ref pumping) != 1) return;
        drainBudget = inlineStarts;
        Drain();
    }

    /// <summary>A member holding a slot ended: the slot goes to the next waiting member (call before its share goes).</summary>
    protected void SlotFreed()
    {
        Interlocked.Decrement(ref running);
        Pump(InlineStarts);
    }

    /// <summary>How many waiting members a drain begun on this thread by a freed slot may start here: all of them,
    /// unless a policy says otherwise (a scope: none inside a member's synchronous start, G17).</summary>
    protected virtual int InlineStarts => int.MaxValue;

    /// <summary>The drain, taken over on a thread of its own (a fresh stack, or off a spawner's turn): no budget.</summary>
    void DrainElsewhere()
    {
        drainBudget = int.MaxValue;
        Drain();
    }

    void Drain()
    {
        if (DrainContext is { } context) ExecutionContext.Run(context, static s => ((RunCore<RT, R>)s!).DrainLoop(), this);
        else DrainLoop();
    }

    void DrainLoop()
    {
        var budget = drainBudget;
        do
        {
            while (HasWaiting)
            {
                if (token.IsCancellationRequested)
                {
                    SkipWaiting();
                    break;
                }
                if (limit != 0 && Volatile.Read(ref running) >= limit) break;
                // G14: a member starts on this thread, and a nested group starts its own members deeper on this
                // stack. When it runs low, the drain moves to the thread pool, on a fresh stack, with a share of its own.
                // G17: so does the drain that has started all it may on this thread (a spawner's turn); it keeps the
                // drainer's role, so no other pump starts a member in between.
                if (budget == 0 || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
                {
                    OnFreshStack(static s => s.DrainElsewhere());
                    return;
                }
                budget--;
                if (limit != 0) Interlocked.Increment(ref running);
                StartNext();
            }
        }
        while (Interlocked.Decrement(ref pumping) != 0);
    }

    // ---- Conclusion ----

    /// <summary>
    /// Concludes the run, by whoever released the last share. First the parent link is disposed, which waits
    /// (asynchronously) for a parent callback that may still be running on another thread; only then the timer and
    /// the source are disposed and the outcome read. Returns false when the link was busy: the run then concludes
    /// later and signals its awaiter.
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

    void ConcludeAndSignal()
    {
        if (TryConclude(out var result)) Signal(result);
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
        // Disposing the timer stops it; a callback already running finds the count at zero and does nothing.
        timer?.Dispose();
        source!.Dispose();
        var result = Conclude();
        if (RunRegistry.Enabled)
        {
            RunRegistry.Remove(this);
            if (Tag is { } tag) tag.Run = null;
        }
        trace?.End(result.IsSucc, result.IsFail ? (Error)result : null, MemberCount);
        return result;
    }

    /// <summary>
    /// Who-cancelled-whom for the run's <see cref="GroupError"/>: the cause and the members it cancelled; null when
    /// the run cancelled none. Called by <see cref="Conclude"/>, after the last share.
    /// </summary>
    protected GroupCancellation? CancellationOf(IEnumerable<CancelledChild> cancelled)
    {
        if (Cause is not { } reason) return null;
        var children = cancelled.ToSeq().Strict();
        return children.IsEmpty ? null : new GroupCancellation(reason, CauseMember, children);
    }

    /// <summary>
    /// Completes the awaiter of a run that concluded after its start returned. Completing runs the awaiting parent
    /// inline; through deep nesting that chain is bounded by moving to the thread pool (G14).
    /// </summary>
    void Signal(Fin<R> result)
    {
        if (RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            completion.SetResult(result);
            return;
        }
        deferredResult = result;
        Later.Run(static s => s.completion.SetResult(s.deferredResult), this);
    }

    Fin<R> IValueTaskSource<Fin<R>>.GetResult(short version) => completion.GetResult(version);

    ValueTaskSourceStatus IValueTaskSource<Fin<R>>.GetStatus(short version) => completion.GetStatus(version);

    void IValueTaskSource<Fin<R>>.OnCompleted(Action<object?> continuation, object? state, short version, ValueTaskSourceOnCompletedFlags flags) =>
        completion.OnCompleted(continuation, state, version, flags);
}
