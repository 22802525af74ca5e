using System.Diagnostics;
using FunctionalGroups.Diagnostics;
using LanguageExt;
using LanguageExt.Common;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups.Engine;

/// <summary>
/// One run of a traversal that pulls its source as it goes (<c>Group.TraverseStream</c>, <c>Group.Stream</c>,
/// <c>Group.StreamUnordered</c>, <c>Group.AsCompleted</c>): a <i>feeder</i> pulls one item at a time, only once the
/// policy admits it (<see cref="Admits"/>: a free slot, a reordering window, a consumer that kept up), and starts its
/// child. The membership, the cancel-then-conclude protocol, the timeout and the conclusion are
/// <see cref="RunCore{RT, R}"/>'s; RunCore's own admission queue is not used (there is nothing waiting: an item not
/// admitted has not been pulled).
/// <list type="bullet">
/// <item><b>G1.</b> The feeder holds a share from the start until its source is disposed; each child holds one from the
/// moment it is pulled until it ended. The run concludes only when the last goes.</item>
/// <item><b>G2/S2.</b> The feeder checks the token before each pull and again before starting the pulled item; the first
/// real failure (of a child or of the source) cancels the token, which also wakes a feeder waiting for admission.</item>
/// <item><b>G15.</b> One feeder starts every child, in source order; <c>MoveNextAsync</c> is never awaited twice at once.</item>
/// <item><b>G16.</b> Every child starts in the caller's <see cref="ExecutionContext"/>, restored before each start (and
/// after it, so a child's synchronous AsyncLocal writes reach neither the source nor the next child).</item>
/// <item><b>G3/G13/S3.</b> A child's end and the source's throws are judged by <see cref="Cancellation"/>: a cancellation
/// while the token is cancelled is not reported; everything else is, by item index (the source's at the index of the
/// item it failed to give, its <c>Dispose</c> last), named <c>"source"</c>.</item>
/// </list>
/// Locking: <see cref="Gate"/> guards the counters, the failures and the feeder's wait; it is held only for a few
/// reads and writes, never while user code runs, and no token is cancelled under it.
/// </summary>
internal abstract class FeedRun<RT, T, A, R> : RunCore<RT, R>
    where RT : struct, HasCancel<RT>
{
    /// <summary>The name of the source's failures in a <see cref="GroupError"/>.</summary>
    internal const string SourceName = "source";

    readonly Func<CancellationToken, Feed<T>> open;
    readonly ItemStart<RT, T, A> start;
    readonly GroupOptions options;

    // True: a child's real failure cancels the rest (G2). False (settle): a child's failure is an outcome like a value.
    readonly bool failFast;

    /// <summary>Guards the state below and the policies' own (see the class comment).</summary>
    protected readonly object Gate = new();

    // The caller's context, captured by Start on the caller's thread before the feeder runs; read by the feeder only.
    ExecutionContext? callerContext;

    // Under Gate. Running: children started and not ended (written by the feeder on start, by a child on its end).
    // Started: items pulled and started (the feeder). Incomplete: some child ended cancelled, or the source was not
    // read to its end. Failures: real failures by item index (children when fail-fast, the source always).
    int running;
    long started;
    bool incomplete;
    List<(long Index, Error Error)>? failures;

    // Under Gate: the feeder's wait for admission, set by the feeder only, completed by whoever changed what
    // Admits reads (a child's end, the consumer, the token's cancellation) after releasing Gate.
    TaskCompletionSource? feederWaiting;

    // Under Gate, only while traced: the children running now, by item index, with when each started and its span (the
    // trace, and the live tree's list of members); an entry is added by the feeder before the child's code runs and
    // removed by the child's end. Untraced, the tree shows a stream's counts only, and no item pays for an entry.
    readonly Dictionary<long, (long StartedAt, Activity? Span)> live = [];

    // Under Gate: the children that ended cancelled (who-cancelled-whom, T1), in the order they ended.
    List<CancelledChild>? cancelledChildren;

    protected FeedRun(Func<CancellationToken, Feed<T>> open, ItemStart<RT, T, A> start, GroupOptions options, bool failFast)
    {
        this.open = open;
        this.start = start;
        this.options = options;
        this.failFast = failFast;
    }

    /// <summary>Starts the run under <paramref name="parent"/>; the value completes when the feeder and every child ended.</summary>
    public ValueTask<Fin<R>> Start(RT parent)
    {
        if (!Open(parent, options, out var refused)) return new(refused);
        callerContext = CaptureForMembers();
        // The feeder's share, released by the feeder when its source is disposed.
        AddMembers(1);
        _ = FeedAsync();
        return LeaveAsStarter();
    }

    /// <summary>Under <see cref="Gate"/>: may item <paramref name="index"/> be pulled and started now?</summary>
    protected abstract bool Admits(long index);

    /// <summary>Under <see cref="Gate"/>: item <paramref name="index"/> was pulled and is about to start.</summary>
    protected virtual void OnStarting(long index)
    {
    }

    /// <summary>
    /// Under <see cref="Gate"/>: child <paramref name="index"/> ended with <paramref name="outcome"/>.
    /// <paramref name="cancelled"/>: it was a cancellation (G13), which has no outcome to give.
    /// </summary>
    protected abstract void OnEnded(long index, Fin<A> outcome, bool cancelled);

    /// <summary>Outside <see cref="Gate"/>: after a child's end was recorded (a policy wakes its consumer here).</summary>
    protected virtual void AfterEnded()
    {
    }

    /// <summary>Running children now; under <see cref="Gate"/>.</summary>
    protected int Running => running;

    /// <summary>Items started so far; under <see cref="Gate"/>, or after the conclusion.</summary>
    protected long Started => started;

    /// <summary>Under <see cref="Gate"/>: whether a real failure was recorded (fail fast: the run is shutting down for it).</summary>
    protected bool HasFailures => failures is not null;

    /// <summary>Wakes the feeder if it waits for admission; never under <see cref="Gate"/>.</summary>
    protected void WakeFeeder()
    {
        TaskCompletionSource? waiting;
        lock (Gate)
        {
            waiting = feederWaiting;
            feederWaiting = null;
        }
        waiting?.TrySetResult();
    }

    /// <summary>
    /// The feeder: waits for admission, pulls, starts; until the source ends, fails or the group is cancelled. Never
    /// throws (its task is dropped): every exception is a failure recorded. Its share goes last, after the source was
    /// disposed.
    /// </summary>
    async Task FeedAsync()
    {
        long index = 0;
        var exhausted = false;
        Feed<T>? feed = null;
        // The token's cancellation (a failure, the parent, the timeout, the consumer leaving) wakes a waiting feeder.
        var wake = Token.UnsafeRegister(static s => ((FeedRun<RT, T, A, R>)s!).WakeFeeder(), this);
        try
        {
            feed = open(Token);
            while (await Admitted(index).ConfigureAwait(false))
            {
                if (!await feed.MoveNextAsync().ConfigureAwait(false))
                {
                    exhausted = true;
                    break;
                }
                var item = feed.Current;
                // G2: an item pulled while the group shut down is not started.
                if (Token.IsCancellationRequested) break;
                StartChild(index++, item);
            }
        }
        catch (Exception e)
        {
            SourceFailed(index, e);
        }
        if (feed is not null)
        {
            try
            {
                await feed.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                SourceFailed(long.MaxValue, e);
            }
        }
        wake.Dispose();
        if (!exhausted)
            lock (Gate) incomplete = true;
        FeedEnded(exhausted, index);
        Leave();
    }

    /// <summary>Outside <see cref="Gate"/>: the feeder is done (<paramref name="exhausted"/>: the source ended after
    /// <paramref name="count"/> items); its share is released right after.</summary>
    protected virtual void FeedEnded(bool exhausted, long count)
    {
    }

    /// <summary>True once item <paramref name="index"/> is admitted; false once the group is cancelled.</summary>
    ValueTask<bool> Admitted(long index)
    {
        Task waiting;
        lock (Gate)
        {
            if (Token.IsCancellationRequested) return new(false);
            if (Admits(index)) return new(true);
            // Set under Gate, where every change Admits reads is made: a wake after this sees it (no lost wake-up).
            feederWaiting = new(TaskCreationOptions.RunContinuationsAsynchronously);
            waiting = feederWaiting.Task;
        }
        return AdmittedLater(index, waiting);
    }

    async ValueTask<bool> AdmittedLater(long index, Task waiting)
    {
        while (true)
        {
            await waiting.ConfigureAwait(false);
            lock (Gate)
            {
                if (Token.IsCancellationRequested) return false;
                if (Admits(index)) return true;
                feederWaiting = new(TaskCreationOptions.RunContinuationsAsynchronously);
                waiting = feederWaiting.Task;
            }
        }
    }

    /// <summary>Counts item <paramref name="index"/> as a member, then starts its child in the caller's context.</summary>
    void StartChild(long index, T item)
    {
        AddMembers(1);
        lock (Gate)
        {
            running++;
            started = index + 1;
            OnStarting(index);
        }
        if (callerContext is not null) ExecutionContext.Restore(callerContext);
        // Traced: the child's span, made current for its code only (the next restore puts the caller's context back),
        // noted with its start before the child's code runs, so its end finds it.
        if (Trace is { } trace)
        {
            var startedAt = Stopwatch.GetTimestamp();
            var span = trace.StartMember((int)Math.Min(int.MaxValue, index), NameAt(index), out _);
            lock (Gate) live[index] = (startedAt, span);
        }
        // With StartOnThreadPool the child goes to the pool (in the context just restored) and checks the token there.
        if (options.StartOnThreadPool)
            ThreadPool.QueueUserWorkItem(static s => s.Run.StartQueued(s.Index, s.Item), (Run: this, Index: index, Item: item), preferLocal: false);
        else
            RunChild(index, item);
        if (callerContext is not null) ExecutionContext.Restore(callerContext);
    }

    void StartQueued(long index, T item)
    {
        if (Token.IsCancellationRequested) ChildEnded(index, Fin<A>.Fail(Errors.Cancelled));
        else RunChild(index, item);
    }

    /// <summary>Runs item <paramref name="index"/>'s child up to its first await and observes its end; what it throws
    /// as it starts is its failure.</summary>
    void RunChild(long index, T item)
    {
        bool isTask;
        ValueTask<A> task;
        ValueTask<Fin<A>> effect;
        try
        {
            isTask = start.Begin(item, Runtime, Token, out task, out effect);
        }
        catch (Exception e)
        {
            ChildEnded(index, Fin<A>.Fail(Error.New(e)));
            return;
        }
        if (isTask)
        {
            if (task.IsCompleted) ChildEnded(index, ChildOutcome.Of(task));
            else new TaskWaiter(this, index, task).Wait();
        }
        else if (effect.IsCompleted) ChildEnded(index, ChildOutcome.Of(effect));
        else new EffectWaiter(this, index, effect).Wait();
    }

    sealed class TaskWaiter(FeedRun<RT, T, A, R> run, long index, ValueTask<A> task)
    {
        public void Wait() => task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(Ended);

        void Ended() => run.ChildEnded(index, ChildOutcome.Of(task));
    }

    sealed class EffectWaiter(FeedRun<RT, T, A, R> run, long index, ValueTask<Fin<A>> effect)
    {
        public void Wait() => effect.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(Ended);

        void Ended() => run.ChildEnded(index, ChildOutcome.Of(effect));
    }

    /// <summary>
    /// Child <paramref name="index"/> ended: its outcome is judged (G13), recorded and given to the policy under
    /// <see cref="Gate"/>; a real failure then shuts the group down (G2, one step with recording it: the share is
    /// still held); the feeder is woken (a slot is free) and the share released last (G1).
    /// </summary>
    void ChildEnded(long index, Fin<A> outcome)
    {
        Error? failure = null;
        var cancelled = false;
        if (outcome.IsFail)
        {
            var error = (Error)outcome ?? Errors.Bottom;
            if (Token.IsCancellationRequested && Cancellation.IsCancellation(error)) cancelled = true;
            else failure = error;
        }
        (long StartedAt, Activity? Span) member;
        lock (Gate)
        {
            running--;
            if (cancelled)
            {
                incomplete = true;
                (cancelledChildren ??= []).Add(new CancelledChild((int)Math.Min(int.MaxValue, index), NameAt(index), true));
            }
            else if (failure is not null && failFast) (failures ??= []).Add((index, failure));
            if (Trace is not null) live.Remove(index, out member);
            else member = default;
            OnEnded(index, outcome, cancelled);
        }
        Trace?.EndMember(member.Span, member.StartedAt,
            cancelled ? MemberOutcome.Cancelled : outcome.IsSucc ? MemberOutcome.Succeeded : MemberOutcome.Failed, failure, NameAt(index));
        if (failure is not null && failFast) ShutDown((int)Math.Min(int.MaxValue, index), NameAt(index));
        WakeFeeder();
        AfterEnded();
        Leave();
    }

    /// <summary>The source threw (G3, S3): a real failure, named <see cref="SourceName"/>, unless it is the group's own
    /// cancellation reaching the source.</summary>
    void SourceFailed(long index, Exception thrown)
    {
        var error = Error.New(thrown);
        if (Token.IsCancellationRequested && Cancellation.IsCancellation(error))
        {
            lock (Gate) incomplete = true;
            return;
        }
        lock (Gate) (failures ??= []).Add((index, new NamedError(SourceName, error)));
        ShutDown(-1, SourceName);
    }

    /// <summary>After the conclusion: every real failure in item order, then the orphans; null when none.</summary>
    protected GroupError? CollectFailures()
    {
        var all = new List<Error>();
        if (failures is not null) all.AddRange(failures.OrderBy(static f => f.Index).Select(static f => f.Error));
        all.AddRange(Orphans);
        return all.Count == 0 ? null
            : new GroupError(all.ToSeq(), (int)Math.Min(int.MaxValue, Math.Max(started, all.Count))) { Cancellation = Cancelled() };
    }

    // After the conclusion: who-cancelled-whom, the cancelled children in item order.
    GroupCancellation? Cancelled() =>
        CancellationOf(cancelledChildren?.OrderBy(static c => c.Index) ?? Enumerable.Empty<CancelledChild>());

    /// <summary>Item <paramref name="index"/>'s name, if the policy knows one (a fixed list's named child); any thread.</summary>
    protected virtual string? NameAt(long index) => null;

    protected sealed override int MemberCount => (int)Math.Min(int.MaxValue, Volatile.Read(ref started));

    /// <summary>The live tree's view: counts, and, while traced, the children running now (at most
    /// <see cref="RunRegistry.MaxMembersShown"/>), in item order.</summary>
    internal sealed override GroupNode Describe(long now)
    {
        var members = new List<ChildNode>();
        long total;
        int runningNow;
        var cancelling = Token.IsCancellationRequested;
        lock (Gate)
        {
            total = started;
            runningNow = running;
            foreach (var (index, member) in live.OrderBy(static m => m.Key).Take(RunRegistry.MaxMembersShown))
                members.Add(new ChildNode((int)Math.Min(int.MaxValue, index), NameAt(index),
                    cancelling ? ChildState.Cancelling : ChildState.Running, Age(member.StartedAt, now), LanguageExt.Seq<GroupNode>.Empty));
        }
        var children = (int)Math.Min(int.MaxValue, total);
        return new GroupNode(Id, Policy, children, runningNow, Math.Max(0, children - runningNow), Limit == 0 ? null : Limit,
            options.Timeout, Age(StartedAt, now), cancelling ? GroupState.Cancelling : GroupState.Running,
            members.ToSeq().Strict(), LanguageExt.Seq<GroupNode>.Empty);
    }

    /// <summary>After the conclusion: the common outcome of a fail-fast run (the timeout, every failure, or a run cut
    /// short by a cancellation), or null when it succeeded.</summary>
    protected Error? FailedOutcome()
    {
        var failure = CollectFailures();
        if (TimedOutOutcome(failure?.Errors.ToArray() ?? [], incomplete, (int)Math.Min(int.MaxValue, started), Cancelled) is { } timedOut) return timedOut;
        if (failure is not null) return failure;
        return incomplete ? Errors.Cancelled : null;
    }

    // RunCore's admission queue is not used: an item not admitted is not pulled, so nothing ever waits in it.
    protected sealed override bool HasWaiting => false;

    protected sealed override void StartNext() => throw new UnreachableException();

    protected sealed override void SkipWaiting() => throw new UnreachableException();

    protected sealed override ExecutionContext? DrainContext => null;
}
