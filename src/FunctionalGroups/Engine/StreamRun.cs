using LanguageExt;
using LanguageExt.Common;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups.Engine;

/// <summary>How a <see cref="StreamRun{RT, T, A}"/> hands its outcomes to its consumer and what it admits.</summary>
internal enum StreamOrder
{
    /// <summary>Completion order; a child keeps its slot until the consumer took its value (<c>StreamUnordered</c>).</summary>
    Unordered,

    /// <summary>Completion order; a slot is freed when the child ends (<c>AsCompleted</c> over a fixed list).</summary>
    AsCompleted,

    /// <summary>Source order within a reordering window (<c>Stream</c>).</summary>
    Ordered,

    /// <summary>Completion order, every outcome, no fail-fast (<c>SettleAsCompleted</c>).</summary>
    Settle,
}

/// <summary>
/// A run whose outcomes go to one consumer as they are ready (an <see cref="IAsyncEnumerable{T}"/>), rules S1-S6:
/// <list type="bullet">
/// <item><b>S1 backpressure.</b> What is buffered for the consumer is bounded: <see cref="StreamOrder.Unordered"/> counts
/// an item from its pull until the consumer took it, against the limit; <see cref="StreamOrder.Ordered"/> pulls item i
/// only while i &lt; head + window (head: the oldest item not yet taken), so at most <c>window</c> items are pulled and not
/// taken; <see cref="StreamOrder.AsCompleted"/> and <see cref="StreamOrder.Settle"/>, over a fixed list, buffer at most
/// the children that ended and were not taken yet.</item>
/// <item><b>S4 fail fast.</b> Once a real failure is recorded or the token is cancelled, nothing more is handed out; the
/// consumer waits for the conclusion (every child ended) and gets the outcome.</item>
/// <item><b>S5 leaving.</b> <see cref="CancelRun"/> (the consumer's token, or its <c>DisposeAsync</c>) cancels the run;
/// the consumer then waits for the conclusion in <see cref="NextAsync"/> (G1).</item>
/// </list>
/// The consumer side (<see cref="NextAsync"/>, <see cref="CurrentIndex"/>, <see cref="CurrentOutcome"/>) is called by
/// one consumer at a time, as <see cref="IAsyncEnumerator{T}"/> requires.
/// </summary>
internal sealed class StreamRun<RT, T, A> : FeedRun<RT, T, A, Unit>
    where RT : struct, HasCancel<RT>
{
    readonly StreamOrder order;
    readonly int window;

    // Under Gate. Ready: ended children not yet taken, in completion order (not Ordered). Pending: values by index,
    // waiting for their turn (Ordered); head: the next index to hand out (Ordered). Live: items pulled and not yet
    // taken or ended without a value (Unordered and Ordered admission).
    readonly Queue<(long Index, Fin<A> Outcome)> ready = new();
    readonly Dictionary<long, A> pending = [];
    long head;
    long live;

    // Under Gate: the consumer's wait, set by the consumer, completed (outside Gate) by a child's end, the feeder's
    // end or the conclusion. The outcome, written once by Conclude (or by Refused).
    TaskCompletionSource? consumerWaiting;
    Fin<Unit>? outcome;

    public StreamRun(Func<CancellationToken, Feed<T>> open, ItemStart<RT, T, A> start, GroupOptions options, StreamOrder order, int window)
        : base(open, start, options, failFast: order != StreamOrder.Settle)
    {
        this.order = order;
        this.window = window;
    }

    /// <summary>The index of the item <see cref="NextAsync"/> gave last.</summary>
    public long CurrentIndex { get; private set; }

    /// <summary>The outcome of the item <see cref="NextAsync"/> gave last (a failure only under <see cref="StreamOrder.Settle"/>).</summary>
    public Fin<A> CurrentOutcome { get; private set; }

    /// <summary>The run's outcome once concluded (after <see cref="NextAsync"/> returned false).</summary>
    public Fin<Unit> Outcome => outcome!.Value;

    internal override string Policy => order switch
    {
        StreamOrder.Unordered => "StreamUnordered",
        StreamOrder.AsCompleted => "AsCompleted",
        StreamOrder.Ordered => "Stream",
        _ => "SettleAsCompleted",
    };

    protected override bool Admits(long index)
    {
        var slots = order is StreamOrder.Unordered ? live : Running;
        if (Limit != 0 && slots >= Limit) return false;
        return order is not StreamOrder.Ordered || index < head + window;
    }

    protected override void OnStarting(long index) => live++;

    protected override void OnEnded(long index, Fin<A> ended, bool cancelled)
    {
        if (cancelled || (ended.IsFail && order != StreamOrder.Settle))
        {
            // Nothing to hand out: a cancellation, or a failure that shuts the run down (S4).
            live--;
            return;
        }
        if (order is StreamOrder.Ordered) pending[index] = (A)ended;
        else ready.Enqueue((index, ended));
    }

    protected override void AfterEnded() => WakeConsumer();

    protected override void FeedEnded(bool exhausted, long count) => WakeConsumer();

    /// <summary>Cancels the run from outside (the consumer's token, or the consumer leaving): G7's outer cancel.</summary>
    public void CancelRun()
    {
        // The consumer left (its token, or DisposeAsync before the end): an explicit cancel, as a scope's Cancel.
        NoteCause(CancelReason.Explicit);
        Cancel();
    }

    /// <summary>The start was refused (the parent was cancelled already): the run concluded with <paramref name="refused"/>.</summary>
    public void Refused(Fin<Unit> refused)
    {
        lock (Gate) outcome ??= refused;
    }

    protected override Fin<Unit> Conclude()
    {
        var concluded = FailedOutcome() is { } failed ? Fin<Unit>.Fail(failed) : Fin<Unit>.Succ(default);
        lock (Gate) outcome = concluded;
        WakeConsumer();
        return concluded;
    }

    /// <summary>
    /// The next outcome for the consumer: true with <see cref="CurrentIndex"/> and <see cref="CurrentOutcome"/> set;
    /// false once the run concluded and nothing more is handed out (then read <see cref="Outcome"/>). Taking an item
    /// frees its place (S1) and wakes the feeder.
    /// </summary>
    public async ValueTask<bool> NextAsync()
    {
        while (true)
        {
            Task waiting;
            lock (Gate)
            {
                if (TryTake()) break;
                if (outcome is not null) return false;
                consumerWaiting ??= new(TaskCreationOptions.RunContinuationsAsynchronously);
                waiting = consumerWaiting.Task;
            }
            await waiting.ConfigureAwait(false);
        }
        WakeFeeder();
        return true;
    }

    /// <summary>Under Gate: hands out the next ready outcome, unless the run is failing or cancelled (S4).</summary>
    bool TryTake()
    {
        var handing = outcome is { } concluded ? concluded.IsSucc : !HasFailures && !Token.IsCancellationRequested;
        if (!handing) return false;
        if (order is StreamOrder.Ordered)
        {
            if (!pending.Remove(head, out var value)) return false;
            CurrentIndex = head++;
            CurrentOutcome = Fin<A>.Succ(value);
        }
        else
        {
            if (!ready.TryDequeue(out var next)) return false;
            (CurrentIndex, CurrentOutcome) = next;
        }
        live--;
        return true;
    }

    void WakeConsumer()
    {
        TaskCompletionSource? waiting;
        lock (Gate)
        {
            waiting = consumerWaiting;
            consumerWaiting = null;
        }
        waiting?.TrySetResult();
    }
}
