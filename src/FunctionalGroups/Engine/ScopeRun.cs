using System.Runtime.CompilerServices;
using LanguageExt;
using LanguageExt.Common;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups.Engine;

/// <summary>
/// One run of a scope: a body and the children spawned while it runs (rules G1-G3, G7, G9, G10, G13; with
/// <see cref="RunCore{RT, R}"/> for the runtime, the link, cancellation and conclusion).
/// <list type="bullet">
/// <item><b>G1.</b> <see cref="live"/> counts the members (the body and every spawned child) that have not ended;
/// the run concludes only when it reaches zero.</item>
/// <item><b>G9.</b> Only a live member can spawn, so <see cref="live"/> reaches zero exactly once; a spawn adds
/// itself only while the count is above zero (compare-and-set), so nothing joins a finished group.</item>
/// <item><b>G3/G5.</b> Real failures are kept by spawn index; the body's comes after them. Successful children
/// leave nothing here: their outcome lives in their handle only, so a long-lived scope does not grow.</item>
/// </list>
/// </summary>
internal sealed class ScopeRun<RT, R> : RunCore<RT, R>, IJoinWitness
    where RT : struct, HasCancel<RT>
{
    readonly Func<GroupScope<RT, R>, Aff<RT, R>> body;

    // Invariant: live == members that have not ended. Starts at 1 (the body); a spawn raises it only from above 0.
    int live;

    // Spawn indexes, in spawn order.
    int spawned;

    // 1 once a member ended cancelled: with no explicit cancel and no failure, the run was cancelled (G7).
    int incomplete;

    // Real failures of children, by spawn index; guarded by `gate` (created by the first failure).
    List<(int Index, Error Error)>? childFailures;
    readonly object gate = new();

    // The failures Join handed to members (their own errors, names stripped), by reference; guarded by `gate`.
    System.Collections.Generic.HashSet<Error>? joined;

    // The body's outcome, written once by the body's end, before its decrement of `live`.
    R? bodyValue;
    bool bodySucceeded;
    Error? bodyFailure;

    // The explicit cancel (G10): the first value given wins; written by a live member before it ends.
    int explicitlyCancelled;
    R? cancelValue;

    // Options: a limit on children running at once (0: none), a timeout, thread-pool start.
    readonly GroupOptions options;

    // Under a limit: children running now, and the spawned ones waiting for a slot (counted in `live` already).
    // `draining` makes one thread fill the free slots in a loop (no recursion through children that end at once).
    int running;
    int draining;
    readonly System.Collections.Concurrent.ConcurrentQueue<IWaitingChild> waiting = new();


    public ScopeRun(Func<GroupScope<RT, R>, Aff<RT, R>> body, GroupOptions options)
    {
        this.body = body;
        this.options = options;
    }

    public bool IsShuttingDown => Token.IsCancellationRequested;

    public ValueTask<Fin<R>> Start(RT parent)
    {
        if (!Open(parent, out var refused)) return new(refused);
        live = 1;
        StartTimeout(options);
        RunBody(new GroupScope<RT, R>(this));
        return Pending;
    }


    void RunBody(GroupScope<RT, R> scope)
    {
        Aff<RT, R> effect;
        try
        {
            effect = body(scope);
        }
        catch (Exception e)
        {
            BodyEnded(Fin<R>.Fail(e));
            return;
        }
        var running = effect.Run(Runtime);
        if (running.IsCompleted) BodyEnded(running.Result);
        else _ = AwaitBody(running);
    }

    async Task AwaitBody(ValueTask<Fin<R>> running)
    {
        Fin<R> outcome;
        try
        {
            outcome = await running.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            outcome = Fin<R>.Fail(e);
        }
        BodyEnded(outcome);
    }

    void BodyEnded(Fin<R> outcome)
    {
        if (outcome.IsSucc)
        {
            bodyValue = (R)outcome;
            bodySucceeded = true;
        }
        else
        {
            var error = (Error)outcome ?? Errors.Bottom;
            if (Token.IsCancellationRequested && Cancellation.IsCancellation(error)) MarkIncomplete();
            // A child's failure that the body met through Join is reported once, as the child's.
            else if (IsJoinedFailure(error)) ShutDown();
            else
            {
                bodyFailure = error;
                ShutDown();
            }
        }
        MemberEnded();
    }

    /// <summary>Spawns a child (G9): refused once shutting down or finished; otherwise counted, then started.</summary>
    public Fin<ChildHandle<RT, A>> Spawn<A>(Aff<RT, A> child, string? name)
    {
        int members;
        do
        {
            // Finished first: a scope that ended after a failure or a cancel has a cancelled token too, but a spawn
            // through it is a use after the end, not a member meeting the shutdown.
            members = Volatile.Read(ref live);
            if (members == 0) return Fin<ChildHandle<RT, A>>.Fail(SpawnRefusedError.Finished);
            if (Token.IsCancellationRequested) return Fin<ChildHandle<RT, A>>.Fail(SpawnRefusedError.ShuttingDown);
        }
        while (Interlocked.CompareExchange(ref live, members + 1, members) != members);

        // Counted: from here the group waits for this child, even if a sibling fails in this very instant (its
        // token is then cancelled, and the child sees it as soon as it looks).
        var index = Interlocked.Increment(ref spawned) - 1;
        var handle = new ChildHandle<RT, A>(name, this);
        var spawnedChild = new WaitingChild<A>(this, index, child, handle);
        if (options.MaxParallelism == 0) spawnedChild.Start();
        else
        {
            // Under a limit the child waits its turn in spawn order; it is a member already, so the scope waits too.
            waiting.Enqueue(spawnedChild);
            Drain();
        }
        return handle;
    }

    /// <summary>
    /// Fills the free slots with waiting children, in spawn order; once the scope is shutting down, the waiting
    /// children never start and end as cancelled (G2, G9). One thread drains at a time, in a loop.
    /// </summary>
    void Drain()
    {
        if (Interlocked.Increment(ref draining) != 1) return;
        do
        {
            while (!waiting.IsEmpty)
            {
                if (Token.IsCancellationRequested)
                {
                    if (waiting.TryDequeue(out var skipped)) skipped.Skip();
                    continue;
                }
                if (!TryTakeSlot()) break;
                if (waiting.TryDequeue(out var next)) next.Start();
                else
                {
                    Interlocked.Decrement(ref running);
                    break;
                }
            }
        }
        while (Interlocked.Decrement(ref draining) != 0);
    }

    bool TryTakeSlot()
    {
        int now;
        do
        {
            now = Volatile.Read(ref running);
            if (now >= options.MaxParallelism) return false;
        }
        while (Interlocked.CompareExchange(ref running, now + 1, now) != now);
        return true;
    }

    /// <summary>A spawned child not started yet: started when its turn comes, or skipped once the scope shuts down.</summary>
    interface IWaitingChild
    {
        void Start();
        void Skip();
    }

    sealed class WaitingChild<A>(ScopeRun<RT, R> run, int index, Aff<RT, A> child, ChildHandle<RT, A> handle) : IWaitingChild
    {
        public void Start()
        {
            // G14: a child that spawns synchronously spawns deeper on this stack; move to the pool when it runs low.
            if (run.options.StartOnThreadPool || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
                ThreadPool.QueueUserWorkItem(static s => s.run.StartChild(s.index, s.child, s.handle), (run, index, child, handle), preferLocal: false);
            else run.StartChild(index, child, handle);
        }

        public void Skip()
        {
            run.MarkIncomplete();
            handle.Complete(Fin<A>.Fail(Errors.Cancelled));
            run.MemberEnded();
        }
    }

    void StartChild<A>(int index, Aff<RT, A> child, ChildHandle<RT, A> handle)
    {
        var running = child.Run(Runtime);
        if (running.IsCompleted) ChildEnded(index, handle, running.Result);
        else _ = AwaitChild(index, handle, running);
    }

    async Task AwaitChild<A>(int index, ChildHandle<RT, A> handle, ValueTask<Fin<A>> running)
    {
        Fin<A> outcome;
        try
        {
            outcome = await running.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            outcome = Fin<A>.Fail(e);
        }
        ChildEnded(index, handle, outcome);
    }

    void ChildEnded<A>(int index, ChildHandle<RT, A> handle, Fin<A> outcome)
    {
        if (outcome.IsFail)
        {
            var error = (Error)outcome ?? Errors.Bottom;
            if (Token.IsCancellationRequested && Cancellation.IsCancellation(error)) MarkIncomplete();
            // A failure this child met through Join of another child is reported once, as the other's.
            else if (IsJoinedFailure(error)) ShutDown();
            else RecordChildFailure(index, error);
        }
        // Recorded before the handle completes, so a joiner that fails with this error is recognised as such.
        handle.Complete(outcome);
        // Under a limit the slot goes to the next waiting child before this member's count is released, so the
        // scope cannot conclude while a child still waits.
        if (options.MaxParallelism != 0)
        {
            Interlocked.Decrement(ref running);
            Drain();
        }
        MemberEnded();
    }

    /// <summary>Records a child's real failure and shuts the group down: one operation (G2, G3).</summary>
    void RecordChildFailure(int index, Error error)
    {
        lock (gate) (childFailures ??= []).Add((index, error));
        ShutDown();
    }

    /// <summary>
    /// Notes a failure that <see cref="ChildHandle{RT, A}.Join"/> handed to a member. Only such failures are
    /// recognised when a member then fails with them: two children that fail independently with one shared error
    /// instance are still both reported (G3).
    /// </summary>
    public void Surfaced(Error error)
    {
        var own = NamedError.Unnamed(error);
        lock (gate) (joined ??= new System.Collections.Generic.HashSet<Error>(ReferenceEqualityComparer.Instance)).Add(own);
    }

    bool IsJoinedFailure(Error error)
    {
        var own = NamedError.Unnamed(error);
        lock (gate) return joined?.Contains(own) ?? false;
    }

    /// <summary>G10: cancels every member; the first value given is the scope's value if the body gives none.</summary>
    public void Cancel(R result)
    {
        if (Interlocked.CompareExchange(ref explicitlyCancelled, 1, 0) == 0) cancelValue = result;
        CancelMembers();
    }

    void MarkIncomplete() => Volatile.Write(ref incomplete, 1);

    void MemberEnded()
    {
        if (Interlocked.Decrement(ref live) == 0) ConcludeAndSignal();
    }

    protected override Fin<R> Conclude()
    {
        var failures = new List<Error>();
        lock (gate)
            if (childFailures is not null)
                failures.AddRange(childFailures.OrderBy(f => f.Index).Select(f => f.Error));
        if (bodyFailure is not null) failures.Add(bodyFailure);
        failures.AddRange(Orphans);
        if (TimedOutOutcome(failures, Volatile.Read(ref incomplete) == 1 || !bodySucceeded, Volatile.Read(ref spawned) + 1) is { } timedOut)
            return Fin<R>.Fail(timedOut);
        if (failures.Count > 0)
            return Fin<R>.Fail(new GroupError(failures.ToSeq(), Math.Max(Volatile.Read(ref spawned) + 1, failures.Count)));
        if (Volatile.Read(ref explicitlyCancelled) == 1)
            return Fin<R>.Succ(bodySucceeded ? bodyValue! : cancelValue!);
        if (Volatile.Read(ref incomplete) == 1 || !bodySucceeded)
            return Fin<R>.Fail(Errors.Cancelled);
        return Fin<R>.Succ(bodyValue!);
    }
}

/// <summary>What a <see cref="ChildHandle{RT, A}"/> tells its scope: a failure that Join handed to a member.</summary>
internal interface IJoinWitness
{
    void Surfaced(Error error);
}
