using LanguageExt;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups;

/// <summary>
/// A child spawned into a scope, like the task <c>tg.create_task</c> returns: join it inside the scope, or read its
/// outcome after the scope ended. The scope itself keeps no handle: a finished child whose handle nobody holds is
/// released (a long-lived scope does not grow).
/// </summary>
public sealed class ChildHandle<RT, A>
    where RT : struct, HasCancel<RT>
{
    // The child's outcome. Written once, by Complete, when the child has ended and the scope has recorded it; published
    // by Complete's exchange of `outcome` to Ended (a full fence), so whoever reads Ended there reads it safely.
    Fin<A> ended;

    // What a joiner waits on. Null while the child runs and nobody waits: a child whose handle is dropped, or joined
    // only after its end, never pays for a task. The first joiner that must wait makes the shared source
    // (compare-and-set against Complete's exchange); Complete swaps in Ended and completes the source it took, if any.
    // Invariant: a joiner never runs inside the child's completion. Without a driver's scheduler, the source's
    // continuations run asynchronously (on the thread pool). Under one (Engine.Later.Scheduler, read once per scope
    // run by ScopeRun), nothing awaits the source while the child runs: Complete hands each waiting joiner's resumption
    // to that scheduler (JoinScheduled), and the joiner resumes on the scheduler's turn (the kit's step clock replays
    // it on its own thread), never inside Complete.
    TaskCompletionSource? outcome;

    // The mark that the child has ended (never completed, never awaited: only compared).
    static readonly TaskCompletionSource Ended = new();

    // The driver's scheduler the scope ran under (read once per run by ScopeRun), or null (the production path:
    // nothing else changes).
    readonly Action<Action<object?>, object?>? scheduler;

    // Under a scheduler only: the joiners waiting for the child's end, to be handed to the scheduler by Complete. Guarded
    // by locking `member`; null once handed over (and always on the production path).
    List<ScheduledResumption>? waiting;

    // The child as a member of its scope: who joins it, and what Join handed out (G18).
    readonly Engine.ScopeMember member;

    internal ChildHandle(Engine.ScopeMember member, Action<Action<object?>, object?>? scheduler)
    {
        this.member = member;
        this.scheduler = scheduler;
    }

    /// <summary>The name the child was spawned with, if any.</summary>
    public string? Name => member.Name;

    /// <summary>
    /// Waits for the child and gives its value, or fails with its failure, the very error the child failed with (the
    /// group reports that failure too, once: a member that passes it on is not reported again). Cancelling the
    /// joiner stops the waiting, not the child. A child that joins itself, or a join that would close a cycle of
    /// joins inside the scope, fails at once with an <see cref="InvalidOperationException"/> that says so (G18).
    /// </summary>
    public Aff<RT, A> Join => Aff<RT, A>.EffectMaybe(rt => JoinAsync(rt.CancellationToken));

    async ValueTask<Fin<A>> JoinAsync(CancellationToken token)
    {
        // The member of this scope that the joining code runs inside, if any: it owns the wait and what is handed out.
        var joiner = Engine.ScopeMember.Current?.Within(member.Gate);
        if (!HasEnded)
        {
            if (joiner is not null && member.StartWaiting(joiner) is { } cycle) return Fin<A>.Fail(cycle);
            try
            {
                await EndedOrCancelled(token).ConfigureAwait(false);
            }
            finally
            {
                if (joiner is not null) member.StopWaiting(joiner);
            }
            // The child's outcome wins when both happened: it ended as the joiner was cancelled (the group shutting
            // down for the child's own failure, say), and that outcome is the answer (G18).
            if (!HasEnded) throw new TaskCanceledException("The join was cancelled; the child runs on.", null, token);
        }
        var ended = this.ended;
        // Whatever failure is handed out is noted, also one the child itself passed on from a join of its own: a
        // member passing it on once more is still that one failure (a cancellation is classified as such first).
        if (ended.IsFail) joiner?.Received((LanguageExt.Common.Error)ended);
        return ended;
    }

    /// <summary>Completes when the child has ended or <paramref name="token"/> is cancelled, whichever comes first.
    /// (Not <c>Task.WaitAsync</c>: the systematic tests' scheduler, Coyote 1.7, cannot control it; a registration and
    /// <c>WhenAny</c> it can. A join that has to wait is not on a hot path; its cost was not measured.)</summary>
    Task EndedOrCancelled(CancellationToken token)
    {
        if (scheduler is { } schedule) return JoinScheduled(schedule, token);
        var waited = WaitedTask();
        if (!token.CanBeCanceled) return waited;
        return Race(waited, token);

        static async Task Race(Task ended, CancellationToken token)
        {
            var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (token.Register(static s => ((TaskCompletionSource)s!).TrySetResult(), cancelled))
                await Task.WhenAny(ended, cancelled.Task).ConfigureAwait(false);
        }
    }

    /// <summary>Under a driver's scheduler: completes when the child has ended or <paramref name="token"/> is cancelled,
    /// always on a turn of <paramref name="schedule"/>. The child's completion and the token's callback only hand the
    /// resumption to the scheduler; the scheduler runs it, and the joiner's continuation runs inline on that turn.</summary>
    Task JoinScheduled(Action<Action<object?>, object?> schedule, CancellationToken token)
    {
        // No continuation on the outcome's task (ContinueWith is outside what the systematic tests' scheduler controls):
        // Complete posts the resumptions it finds; one registered after the outcome was set posts itself.
        var resumed = new ScheduledResumption(schedule);
        bool ended;
        lock (member)
        {
            ended = HasEnded;
            if (!ended) (waiting ??= []).Add(resumed);
        }
        if (ended) resumed.Post();
        if (!token.CanBeCanceled) return resumed.Task;
        var registration = token.UnsafeRegister(static s => ((ScheduledResumption)s!).Post(), resumed);
        return Waited(resumed.Task, registration);

        static async Task Waited(Task resumed, CancellationTokenRegistration registration)
        {
            try
            {
                await resumed.ConfigureAwait(false);
            }
            finally
            {
                // On the scheduler's turn: the callback, if it ran, has posted already (disposing waits for nothing).
                registration.Dispose();
            }
        }
    }

    /// <summary>A joiner's resumption under a driver's scheduler: posted once, completed on the scheduler's turn with
    /// synchronous continuations (the joiner runs there, inline).</summary>
    sealed class ScheduledResumption(Action<Action<object?>, object?> schedule)
    {
        readonly TaskCompletionSource resumed = new();
        int posted;

        public Task Task => resumed.Task;

        public void Post()
        {
            if (Interlocked.Exchange(ref posted, 1) == 0)
                schedule(static s => ((TaskCompletionSource)s!).TrySetResult(), resumed);
        }
    }

    /// <summary>The child's outcome once it has ended (always, after the scope ended); <c>None</c> while it runs.</summary>
    public Option<Fin<A>> Result => HasEnded ? Option<Fin<A>>.Some(ended) : Option<Fin<A>>.None;

    /// <summary>True once Complete ran; then <see cref="ended"/> is the child's outcome (read after this acquire).</summary>
    bool HasEnded => Volatile.Read(ref outcome) == Ended;

    /// <summary>A task that completes when the child has ended: the one every waiting joiner shares, made here by the
    /// first (compare-and-set against Complete's exchange); a completed task if the child has ended already.</summary>
    Task WaitedTask()
    {
        var current = Volatile.Read(ref outcome);
        if (current is null)
        {
            var made = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            current = Interlocked.CompareExchange(ref outcome, made, null) ?? made;
        }
        return current == Ended ? Task.CompletedTask : current.Task;
    }

    internal void Complete(Fin<A> ended)
    {
        this.ended = ended;
        // Publishes the outcome; a joiner that made the shared task before this gets it completed (asynchronously).
        var shared = Interlocked.Exchange(ref outcome, Ended);
        if (shared is not null && shared != Ended) shared.TrySetResult();
        if (scheduler is not null) ResumeJoiners();
    }

    /// <summary>Under a scheduler: hands every waiting joiner's resumption to it (after the outcome was set).</summary>
    void ResumeJoiners()
    {
        List<ScheduledResumption>? joiners;
        lock (member)
        {
            joiners = waiting;
            waiting = null;
        }
        if (joiners is null) return;
        foreach (var joiner in joiners) joiner.Post();
    }
}
