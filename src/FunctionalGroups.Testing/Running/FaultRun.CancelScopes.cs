using LanguageExt;
using LanguageExt.Common;

namespace FunctionalGroups.Testing;

/// <summary>The interpreter of cancel-scope nodes: the library's real <c>FailAfter</c>, <c>MoveOnAfter</c> and
/// <c>Shield</c> on the run's fake clock, with what the kit needs to know on its own to judge them (C1–C4).</summary>
public sealed partial class FaultRun
{
    readonly Dictionary<int, ScopeSeen> scopes = [];   // guarded by itself: what each cancel-scope node saw

    /// <summary>What each cancel-scope node saw, by node.</summary>
    internal IReadOnlyDictionary<int, ScopeSeen> Scopes
    {
        get
        {
            lock (scopes) return new Dictionary<int, ScopeSeen>(scopes);
        }
    }

    /// <summary>
    /// A cancel-scope node: its body run through the library's cancel scope, a deadline of the node's steps on the run's
    /// fake clock (one unit per step; the clock is told, so that a run waiting only for a deadline is not stuck). The
    /// kit sees, from inside the scope, whether the body's token was cancelled while the scope's caller's token was still
    /// clear (so the deadline cancelled first) and whether the body then ended in a cancellation (G13): only then is the
    /// node timed out (C2), and a timed-out <c>failAfter</c> counts as raising <c>Errors.TimedOut</c> itself.
    /// </summary>
    Aff<GroupRuntime, Seq<int>> CancelScoped(int node, GroupScope<GroupRuntime, Seq<int>>? scope) =>
        Aff<GroupRuntime, Seq<int>>.EffectMaybe(async rt =>
        {
            var cancelScope = (FaultCancelScope)layout.Nodes[node];
            var seen = new ScopeSeen();
            var caller = rt.CancellationToken;
            var body = node + 1;
            var inner = Aff<GroupRuntime, Seq<int>>.EffectMaybe(async brt =>
            {
                var token = brt.CancellationToken;
                seen.BodyStarted = true;
                // Never disposed: disposing it as the body ends (inside the canceller's Cancel call, when the body ends
                // inline) would remove it before it ran. It reads who cancelled as it happens.
                if (token.CanBeCanceled)
                    token.UnsafeRegister(static (s, _) =>
                    {
                        var (seen, caller) = ((ScopeSeen, CancellationToken))s!;
                        seen.CancelledBy = caller.IsCancellationRequested ? ScopeSeen.Caller : ScopeSeen.Deadline;
                    }, (seen, caller));
                var fin = await Node(body, scope).Run(brt).ConfigureAwait(false);
                seen.BodyEnded(clock);
                seen.ReserveAnswer(clock);
                seen.BodyFailure = fin.Match(Succ: static _ => (Error?)null, Fail: static e => e);
                seen.BodyCancelled = token.IsCancellationRequested && seen.BodyFailure is { } f && LawChecks.IsCancellation(f);
                return fin;
            });
            var time = driver!.Time;
            var due = TimeSpan.FromMilliseconds(cancelScope.Steps);
            var scoped = cancelScope.Kind switch
            {
                CancelScopeKind.FailAfter => hooks.FailAfter is { } failAfter ? failAfter(inner, due, time) : inner.FailAfter(due, time),
                CancelScopeKind.MoveOnAfter => inner.MoveOnAfter(due, time).Map(moved =>
                {
                    seen.MovedOn = moved.IsNone;
                    return moved.IfNone(Seq<int>.Empty);
                }),
                _ => hooks.Shield is { } shield ? shield(inner) : inner.Shield(),
            };
            probes[node].MarkStart(Mark(), clock.Now);
            Note(node, "start");
            // On the clock as a member parked on its body until the body ends, then running until it answers: the
            // library's deadline may answer from the thread pool (when the body ended inside the canceller's Cancel
            // call), so its answer is brought back to the driver's thread through the clock's scheduler, and until then
            // the run is not quiet.
            clock.Enter();
            clock.BeginWait();
            Fin<Seq<int>> fin;
            using (cancelScope.IsDeadline ? clock.Alarm(clock.Now + cancelScope.Steps) : null)
                fin = await OnTheClock(scoped.Run(rt), seen).ConfigureAwait(false);
            seen.BodyEnded(clock);
            seen.Failure = fin.Match(Succ: static _ => (Error?)null, Fail: static e => e);
            lock (scopes) scopes[node] = seen;
            if (cancelScope.Kind == CancelScopeKind.FailAfter && seen.TimedOut) probes[node].MarkInjected(Failures.Identity(Errors.TimedOut));
            if (fin.IsSucc) probes[node].MarkSucceeded();
            probes[node].MarkGroupEnd(Mark());
            Note(node, seen.TimedOut ? "end: the deadline cancelled its body" : fin.IsSucc ? "end" : "end failed");
            clock.Exit();
            return fin;
        });

    /// <summary><paramref name="running"/>'s outcome, delivered on the driver's thread through the clock, in the place
    /// the scope reserved as its body ended (see <see cref="StepClock.Reserve"/>), when it did not complete at once.</summary>
    ValueTask<Fin<Seq<int>>> OnTheClock(ValueTask<Fin<Seq<int>>> running, ScopeSeen seen)
    {
        if (running.IsCompleted)
        {
            if (seen.TakeAnswer() is { } reserved) clock.Deliver(reserved, null, null);
            return running;
        }
        // Completed synchronously on purpose: the member resumes inline in the driver's run of the delivered answer.
        var back = new TaskCompletionSource<Fin<Seq<int>>>();
        running.AsTask().ContinueWith(static (t, s) =>
        {
            var (clock, back, seen) = ((StepClock, TaskCompletionSource<Fin<Seq<int>>>, ScopeSeen))s!;
            // A scope that answers before its body ended (a broken one that abandons it) takes its place now.
            var slot = seen.TakeAnswer() ?? clock.Reserve();
            clock.Deliver(slot, static r => { var (b, f) = ((TaskCompletionSource<Fin<Seq<int>>>, Fin<Seq<int>>))r!; b.SetResult(f); }, (back, t.Result));
        }, (clock, back, seen), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return new ValueTask<Fin<Seq<int>>>(back.Task);
    }
}

/// <summary>What a cancel-scope node saw, recorded by the kit from inside the scope (not read from its outcome).</summary>
internal sealed class ScopeSeen
{
    public const int Nobody = 0, Deadline = 1, Caller = 2;

    volatile int cancelledBy;
    int bodyEnded;
    readonly object gate = new();
    StepClock.Slot? answer;   // guarded by gate
    bool answered;            // guarded by gate

    /// <summary>As the body ends (on the driver's thread): the scope's place in line for its answer, unless it has
    /// answered already.</summary>
    public void ReserveAnswer(StepClock clock)
    {
        lock (gate)
            if (!answered && answer is null) answer = clock.Reserve();
    }

    /// <summary>As the scope answers: the place reserved for it, if any (to be delivered).</summary>
    public StepClock.Slot? TakeAnswer()
    {
        lock (gate)
        {
            answered = true;
            var taken = answer;
            answer = null;
            return taken;
        }
    }

    /// <summary>The scope's body ended, or the scope answered without it (a broken scope that abandons it): the scope's
    /// member stops counting as parked on its body, once.</summary>
    public void BodyEnded(StepClock clock)
    {
        if (Interlocked.Exchange(ref bodyEnded, 1) == 0) clock.EndWait();
    }

    /// <summary>Who cancelled the body's token first: the scope's caller, or (the caller's token still clear) the
    /// scope's own deadline; <see cref="Nobody"/> when the token was never cancelled (always, for a shield).</summary>
    public int CancelledBy
    {
        get => cancelledBy;
        set => Interlocked.CompareExchange(ref cancelledBy, value, Nobody);
    }

    /// <summary>The body started (a caller cancelled already starts nothing, G7).</summary>
    public bool BodyStarted { get; set; }

    /// <summary>The body's own failure (null: it succeeded, or never started).</summary>
    public Error? BodyFailure { get; set; }

    /// <summary>The body ended in a cancellation (G13): its token cancelled and its error a cancellation.</summary>
    public bool BodyCancelled { get; set; }

    /// <summary>The node's failure (null: it succeeded).</summary>
    public Error? Failure { get; set; }

    /// <summary>A moveOnAfter gave <c>None</c>.</summary>
    public bool MovedOn { get; set; }

    /// <summary>What the kit expects a deadline to answer as its own: the deadline cancelled first and the body ended in
    /// a cancellation (C2).</summary>
    public bool TimedOut => CancelledBy == Deadline && BodyCancelled;
}
