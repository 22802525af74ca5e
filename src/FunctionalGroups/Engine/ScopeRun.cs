using System.Diagnostics;
using System.Runtime.CompilerServices;
using FunctionalGroups.Diagnostics;
using LanguageExt;
using LanguageExt.Common;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups.Engine;

/// <summary>
/// One run of a scope: a body and the children spawned while it runs (rules G1-G3, G7, G9, G10, G13, G15-G18; with
/// <see cref="RunCore{RT, R}"/> for the runtime, the member count, cancellation, admission and conclusion).
/// <list type="bullet">
/// <item><b>G1/G9.</b> The body and every spawned child hold a share of the member count until they end. A spawn
/// adds its share only while the count is above zero (compare-and-set), so nothing joins a finished group, and only
/// while the token is not cancelled, so nothing starts once the group shuts down.</item>
/// <item><b>G3/G5.</b> Real failures are kept by spawn index; the body's comes after them. Successful children
/// leave nothing here: their outcome lives in their handle only, so a long-lived scope does not grow.</item>
/// <item><b>G15.</b> Under a limit, spawned children wait in spawn order and start only through the drainer.</item>
/// <item><b>G16.</b> A child runs in its spawner's <see cref="ExecutionContext"/>, captured at the spawn, also when
/// it starts later under a limit; the body runs in the caller's.</item>
/// <item><b>G17.</b> A spawn runs its child inline only when the spawner is not itself a member's synchronous prefix
/// (<see cref="ScopeMember.InlineDepth"/>); otherwise the child is scheduled on the thread pool.</item>
/// <item><b>G18.</b> Join's bookkeeping is per member (<see cref="ScopeMember"/>), never by error identity.</item>
/// </list>
/// </summary>
internal sealed class ScopeRun<RT, R> : RunCore<RT, R>, IMemberEnd<R>
    where RT : struct, HasCancel<RT>
{
    readonly Func<GroupScope<RT, R>, Aff<RT, R>> body;

    // Options: a limit on children running at once, a timeout, thread-pool start.
    readonly GroupOptions options;

    // Spawn indexes, in spawn order.
    int spawned;

    // 1 once a member ended cancelled: with no explicit cancel and no failure, the run was cancelled (G7).
    int incomplete;

    // Real failures of children, by spawn index; guarded by `gate`, which is also the lock and identity of the
    // scope's members (ScopeMember.Gate).
    List<(int Index, Error Error)>? childFailures;
    readonly object gate = new();

    // Written once by Start, before the body runs: the caller's context, the body as a member, and the driver's
    // scheduler the run was started under (Later.Scheduler; null in production), read once here for every handle.
    ExecutionContext? callerContext;
    ScopeMember bodyMember = null!;
    Action<Action<object?>, object?>? scheduler;

    // The body's outcome, written once by the body's end, before its share is released.
    R? bodyValue;
    bool bodySucceeded;
    Error? bodyFailure;

    // The explicit cancel (G10): the first value given wins; written by a live member before it ends.
    int explicitlyCancelled;
    R? cancelValue;

    // Under a limit: the spawned children waiting for a slot (each holds its share already), in spawn order.
    readonly System.Collections.Concurrent.ConcurrentQueue<ISpawned> waiting = new();

    // The members not ended yet (the body, then spawned children from the spawn on), for the live tree: a list through
    // ScopeMember.LiveNext, guarded by `gate`. A member is linked before it can start and unlinked as it ends.
    ScopeMember? live;

    // The children that ended cancelled or never started, for who-cancelled-whom (guarded by `gate`).
    List<CancelledChild>? cancelledChildren;

    public ScopeRun(Func<GroupScope<RT, R>, Aff<RT, R>> body, GroupOptions options)
    {
        this.body = body;
        this.options = options;
    }

    public bool IsShuttingDown => Token.IsCancellationRequested;

    internal override string Policy => "Scope";

    internal override object? ScopeGate => gate;

    protected override int MemberCount => Volatile.Read(ref spawned) + 1;

    void Link(ScopeMember member)
    {
        lock (gate)
        {
            member.LiveNext = live;
            if (live is not null) live.LivePrevious = member;
            live = member;
        }
    }

    // Under `gate`.
    void Unlink(ScopeMember member)
    {
        if (member.LivePrevious is { } previous) previous.LiveNext = member.LiveNext;
        else if (live == member) live = member.LiveNext;
        if (member.LiveNext is { } next) next.LivePrevious = member.LivePrevious;
        member.LivePrevious = member.LiveNext = null;
    }

    /// <summary>A member ended: unlinked from the live list, and noted if it was cancelled (<paramref name="started"/>:
    /// whether it had started).</summary>
    void Unlink(ScopeMember member, bool cancelled, bool started)
    {
        lock (gate)
        {
            Unlink(member);
            if (cancelled && member.Index >= 0) (cancelledChildren ??= []).Add(new CancelledChild(member.Index, member.Name, started));
        }
    }

    /// <summary>Starts a member's span (when traced) and runs its start: the span is current for the member's code only.</summary>
    void Traced(ScopeMember member, Action<ScopeMember> start)
    {
        member.StartedAt = Stopwatch.GetTimestamp();
        if (Trace is not { } trace)
        {
            start(member);
            return;
        }
        var before = Activity.Current;
        member.Span = trace.StartMember(member.Index, member.Index < 0 ? "body" : member.Name, out _);
        start(member);
        Activity.Current = before;
    }

    void EndTrace(ScopeMember member, MemberOutcome outcome, Error? error) =>
        Trace?.EndMember(member.Span, member.StartedAt, outcome, error, member.Index < 0 ? "body" : member.Name);

    internal override GroupNode Describe(long now)
    {
        var members = new List<ChildNode>();
        var running = 0;
        var notEnded = 0;
        var cancelling = Token.IsCancellationRequested;
        lock (gate)
            for (var member = live; member is not null; member = member.LiveNext)
            {
                notEnded++;
                var started = member.StartedAt;
                if (started != 0) running++;
                if (members.Count < RunRegistry.MaxMembersShown)
                    members.Add(new ChildNode(member.Index, member.Index < 0 ? "body" : member.Name,
                        started == 0 ? ChildState.Waiting : cancelling ? ChildState.Cancelling : ChildState.Running,
                        started == 0 ? null : Age(started, now), LanguageExt.Seq<GroupNode>.Empty));
            }
        members.Sort(static (a, b) => a.Index.CompareTo(b.Index));
        var total = Volatile.Read(ref spawned) + 1;
        // Done: every member not in the live list (the members shown are at most MaxMembersShown of them).
        return new GroupNode(Id, Policy, total, running, Math.Max(0, total - notEnded), Limit == 0 ? null : Limit,
            options.Timeout, Age(StartedAt, now), cancelling ? GroupState.Cancelling : GroupState.Running,
            members.ToSeq().Strict(), LanguageExt.Seq<GroupNode>.Empty);
    }

    public ValueTask<Fin<R>> Start(RT parent)
    {
        if (!Open(parent, options, out var refused)) return new(refused);
        AddMembers(1);
        callerContext = CaptureForMembers();
        scheduler = Later.Scheduler.Value;
        bodyMember = new ScopeMember(gate, ScopeMember.Current, null, -1);
        Link(bodyMember);
        // G14: a scope nested through its body starts the next scope's body on this stack; when it runs low, the body
        // starts on the thread pool instead, in the caller's context.
        if (RuntimeHelpers.TryEnsureSufficientExecutionStack()) StartBody();
        else Later.Run(static s => s.StartBody(), this);
        return LeaveAsStarter();
    }

    void StartBody()
    {
        if (callerContext is null) Traced(bodyMember, _ => RunBody());
        else ExecutionContext.Run(callerContext, static s =>
        {
            var run = (ScopeRun<RT, R>)s!;
            run.bodyMember.MakeCurrent();
            run.Traced(run.bodyMember, _ => run.RunBody());
        }, this);
    }

    void RunBody()
    {
        Aff<RT, R> effect;
        try
        {
            effect = body(new GroupScope<RT, R>(this));
        }
        catch (Exception e)
        {
            BodyEnded(Fin<R>.Fail(e));
            return;
        }
        MemberEnd.Observe(effect.Run(Runtime), this);
    }

    void IMemberEnd<R>.Ended(Fin<R> outcome) => BodyEnded(outcome);

    void BodyEnded(Fin<R> outcome)
    {
        var realFailure = false;
        var cancelled = false;
        if (outcome.IsSucc)
        {
            bodyValue = (R)outcome;
            bodySucceeded = true;
        }
        else if (Classify(bodyMember, (Error)outcome ?? Errors.Bottom, out cancelled) is { } error)
        {
            bodyFailure = error;
            realFailure = true;
        }
        Unlink(bodyMember, cancelled, started: true);
        // A body that ended with a joined child's failure (not its own, G18) did not succeed: failed, as a spawned
        // child in that case (Spawned.Ended).
        EndTrace(bodyMember, realFailure ? MemberOutcome.Failed : cancelled ? MemberOutcome.Cancelled
            : outcome.IsSucc ? MemberOutcome.Succeeded : MemberOutcome.Failed, bodyFailure);
        MemberEnded(bodyMember, realFailure, holdsSlot: false);
    }

    /// <summary>
    /// G13 and G18 for a member's failure: null when it is a cancellation (not reported) or the failure Join handed to
    /// this member (reported once, as the joined child's: the group is shutting down for it already); otherwise the
    /// error, a real failure of this member.
    /// </summary>
    Error? Classify(ScopeMember member, Error error, out bool cancelled)
    {
        cancelled = false;
        if (Token.IsCancellationRequested && Cancellation.IsCancellation(error))
        {
            cancelled = true;
            MarkIncomplete();
            return null;
        }
        return member.EndsWithJoinedFailure(error) ? null : error;
    }

    /// <summary>A member's end: a real failure shuts the group down (G2); its slot and share go last.</summary>
    void MemberEnded(ScopeMember member, bool realFailure, bool holdsSlot)
    {
        if (realFailure) ShutDown(member.Index, member.Index < 0 ? "body" : member.Name);
        if (holdsSlot) SlotFreed();
        Leave();
    }

    /// <summary>Spawns a child (G9): refused once shutting down or finished; otherwise counted, then started.</summary>
    public Fin<ChildHandle<RT, A>> Spawn<A>(Aff<RT, A> child, string? name)
    {
        int members;
        do
        {
            // Finished first: a scope that ended after a failure or a cancel has a cancelled token too, but a spawn
            // through it is a use after the end, not a member meeting the shutdown.
            members = Members;
            if (members == 0) return Fin<ChildHandle<RT, A>>.Fail(SpawnRefusedError.Finished);
            if (Token.IsCancellationRequested) return Fin<ChildHandle<RT, A>>.Fail(SpawnRefusedError.ShuttingDown);
        }
        while (!TryAddMember(members));

        // Counted: from here the group waits for this child, even if a sibling fails in this very instant (its
        // token is then cancelled, and the child sees it as soon as it looks).
        var index = Interlocked.Increment(ref spawned) - 1;
        // A child named with Named (and spawned without a name) is known by that name too.
        var member = new Spawned<A>(this, index, child, name ?? ChildStart<RT, A>.NameOf(ref child), ExecutionContext.Capture());
        Link(member);
        // G17: a spawn from inside a member's synchronous prefix is scheduled, never run on the spawner's turn.
        var nested = ScopeMember.InlineDepth > 0;
        if (Limit == 0)
        {
            if (options.StartOnThreadPool || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
                Later.Run(static m => m.Start(), member);
            else if (nested) Later.Run(static m => m.Start(), member);
            else member.Start();
        }
        else
        {
            // Under a limit the child waits its turn in spawn order; it is a member already, so the scope waits too.
            // G17: on the spawner's turn the drain may start this child only (if it is next and a slot is free): not
            // a child that an earlier member queued, nor what this child queues in its own synchronous start.
            var next = waiting.IsEmpty;
            waiting.Enqueue(member);
            if (!nested) Pump(inlineStarts: next ? 1 : 0);
            else
            {
                // The drain (which may start this child) runs off the spawner's turn, with a share of its own.
                AddMembers(1);
                Later.Run(static s =>
                {
                    s.Pump();
                    s.Leave();
                }, this);
            }
        }
        return member.Handle;
    }

    protected override bool HasWaiting => !waiting.IsEmpty;

    /// <summary>G17: a slot freed inside a member's synchronous start (the member ended there) is refilled off the
    /// turn of whoever is spawning, never on it.</summary>
    protected override int InlineStarts => ScopeMember.InlineDepth > 0 ? 0 : int.MaxValue;

    protected override ExecutionContext? DrainContext => callerContext;

    protected override void StartNext()
    {
        // Only the drainer dequeues: HasWaiting held, so there is one.
        waiting.TryDequeue(out var next);
        if (options.StartOnThreadPool) Later.Run(static m => m.Start(), next!);
        else next!.Start();
    }

    protected override void SkipWaiting()
    {
        while (waiting.TryDequeue(out var skipped)) skipped.Skip();
    }

    /// <summary>A spawned child, as the drainer sees it: started when its turn comes, or skipped.</summary>
    interface ISpawned
    {
        void Start();

        void Skip();
    }

    /// <summary>A spawned child: its member identity, its effect until it starts, its handle and its spawner's context.</summary>
    sealed class Spawned<A> : ScopeMember, ISpawned
    {
        readonly ScopeRun<RT, R> run;
        Aff<RT, A> child;
        ExecutionContext? context;

        public Spawned(ScopeRun<RT, R> run, int index, Aff<RT, A> child, string? name, ExecutionContext? context)
            : base(run.gate, run.bodyMember.Outer, name, index)
        {
            this.run = run;
            this.child = child;
            this.context = context;
            Handle = new ChildHandle<RT, A>(this, run.scheduler);
        }

        public ChildHandle<RT, A> Handle { get; }

        /// <summary>Runs the child's synchronous prefix on this thread, in the spawner's context, as the current member.</summary>
        public void Start()
        {
            var start = context;
            context = null;
            if (start is null) run.Traced(this, static m => ((Spawned<A>)m).RunPrefix());
            else ExecutionContext.Run(start, static s =>
            {
                var self = (Spawned<A>)s!;
                self.MakeCurrent();
                self.run.Traced(self, static m => ((Spawned<A>)m).RunPrefix());
            }, this);
        }

        /// <summary>
        /// Runs the child up to its first real await, with <see cref="ScopeMember.InlineDepth"/> raised (G17), started the
        /// way a fixed list starts its children (<see cref="ChildStart{RT, A}"/>); either way it is then observed by this member itself (<see cref="Wait"/>). An
        /// exception thrown while it starts is its failure, never the spawner's.
        /// </summary>
        void RunPrefix()
        {
            var effect = child;
            child = default;
            ValueTask<A> task = default;
            ValueTask<Fin<A>> running = default;
            Exception? thrown = null;
            InlineDepth++;
            try
            {
                isTask = ChildStart<RT, A>.Begin(ref effect, run.Runtime, run.Token, out task, out running);
            }
            catch (Exception e)
            {
                thrown = e;
            }
            finally
            {
                InlineDepth--;
            }
            if (thrown is not null) Ended(Fin<A>.Fail(Error.New(thrown)));
            else if (isTask)
            {
                if (task.IsCompleted) Ended(TaskOutcome(task));
                else Wait(task.AsTask());
            }
            else if (running.IsCompleted) Ended(EffectOutcome(running));
            else Wait(running.AsTask());
        }

        // The start's running task, while it runs: written before the continuation is registered, read by it once.
        // (A task-backed ValueTask, as async methods give, hands over its task as it is: nothing is allocated here.)
        Task? pending;
        bool isTask;

        /// <summary>This member is the continuation's target: one delegate, no state machine of its own.</summary>
        void Wait(Task running)
        {
            pending = running;
            running.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(PendingEnded);
        }

        void PendingEnded()
        {
            var ended = pending!;
            pending = null;
            Ended(isTask ? TaskOutcome(new ValueTask<A>((Task<A>)ended)) : EffectOutcome(new ValueTask<Fin<A>>((Task<Fin<A>>)ended)));
        }

        // A task that completes with null fails the child, as the same child does as an Aff (Fin holds no null).
        static Fin<A> TaskOutcome(ValueTask<A> ended) =>
            !ended.IsCompletedSuccessfully ? Fin<A>.Fail(Error.New(Engine.TaskOutcome.ExceptionOf(ended.AsTask())))
            : ended.Result is { } value ? Fin<A>.Succ(value)
            : Fin<A>.Fail(Error.New(new ValueIsNullException("The child completed with null.")));

        static Fin<A> EffectOutcome(ValueTask<Fin<A>> ended) =>
            ended.IsCompletedSuccessfully ? ended.Result : Fin<A>.Fail(Error.New(Engine.TaskOutcome.ExceptionOf(ended.AsTask())));

        public void Ended(Fin<A> outcome)
        {
            var realFailure = false;
            var cancelled = false;
            Error? failure = null;
            if (outcome.IsFail && run.Classify(this, (Error)outcome ?? Errors.Bottom, out cancelled) is { } error)
            {
                lock (run.gate) (run.childFailures ??= []).Add((Index, error));
                realFailure = true;
                failure = error;
            }
            run.Unlink(this, cancelled, started: true);
            run.EndTrace(this, realFailure ? MemberOutcome.Failed : cancelled ? MemberOutcome.Cancelled
                : outcome.IsSucc ? MemberOutcome.Succeeded : MemberOutcome.Failed, failure);
            // G18: the handle completes before the group shuts down for this failure, so a member joining this child
            // gets its failure, never the shutdown's cancellation.
            Handle.Complete(outcome);
            run.MemberEnded(this, realFailure, holdsSlot: run.Limit != 0);
        }

        public void Skip()
        {
            child = default;
            context = null;
            run.Unlink(this, cancelled: true, started: false);
            run.Trace?.Skipped(1);
            run.MarkIncomplete();
            Handle.Complete(Fin<A>.Fail(Errors.Cancelled));
            run.Leave();
        }
    }

    /// <summary>G10: cancels every member; the first value given is the scope's value if the body gives none.</summary>
    public void Cancel(R result)
    {
        if (Interlocked.CompareExchange(ref explicitlyCancelled, 1, 0) == 0) cancelValue = result;
        NoteCause(CancelReason.Explicit);
        Cancel();
    }

    void MarkIncomplete() => Volatile.Write(ref incomplete, 1);

    // Who-cancelled-whom, after the last share: the cancelled children in spawn order.
    GroupCancellation? Cancelled()
    {
        List<CancelledChild> cancelled;
        lock (gate) cancelled = cancelledChildren is null ? [] : [.. cancelledChildren.OrderBy(c => c.Index)];
        return CancellationOf(cancelled);
    }

    protected override Fin<R> Conclude()
    {
        var failures = new List<Error>();
        lock (gate)
            if (childFailures is not null)
                failures.AddRange(childFailures.OrderBy(f => f.Index).Select(f => f.Error));
        if (bodyFailure is not null) failures.Add(bodyFailure);
        failures.AddRange(Orphans);
        if (TimedOutOutcome(failures, Volatile.Read(ref incomplete) == 1 || !bodySucceeded, Volatile.Read(ref spawned) + 1, Cancelled) is { } timedOut)
            return Fin<R>.Fail(timedOut);
        if (failures.Count > 0)
            return Fin<R>.Fail(new GroupError(failures.ToSeq(), Math.Max(Volatile.Read(ref spawned) + 1, failures.Count))
            {
                Cancellation = Cancelled(),
            });
        if (Volatile.Read(ref explicitlyCancelled) == 1)
            return Fin<R>.Succ(bodySucceeded ? bodyValue! : cancelValue!);
        if (Volatile.Read(ref incomplete) == 1 || !bodySucceeded)
            return Fin<R>.Fail(Errors.Cancelled);
        return Fin<R>.Succ(bodyValue!);
    }
}
