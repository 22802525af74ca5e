using System.Runtime.CompilerServices;
using System.Threading.Tasks.Sources;
using LanguageExt;
using LanguageExt.Common;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups.Engine;

/// <summary>
/// What every run of a group keeps, whatever its members: the one child runtime of the run, its link to the
/// parent, the cancellation of every member, the failures that belong to no member, and the conclusion.
/// <list type="bullet">
/// <item><b>G7.</b> The members share one child runtime made by one <c>LocalCancel</c> per run, linked to the
/// parent's token; the link is disposed, then the source, after the last member ended.</item>
/// <item><b>G3.</b> A cancellation callback that throws while the run cancels is cleanup code failing: kept as an
/// orphan failure and reported after the members' failures.</item>
/// <item><b>G14.</b> Cancelling and completing check the stack and continue on the thread pool when it runs low,
/// so deep nesting neither recurses without bound on cancel nor on completion.</item>
/// </list>
/// An instance is used for exactly one run; the run's <see cref="ValueTask{TResult}"/> is backed by the instance.
/// </summary>
internal abstract class RunCore<RT, R> : IValueTaskSource<Fin<R>>
    where RT : struct, HasCancel<RT>
{
    // Written once by Open, on the starting thread, before the first member starts; only read afterwards.
    // Members started later see them: a thread-pool hand-off or a direct call both order the writes first.
    RT runtime;
    CancellationTokenSource? source;
    CancellationToken token;
    CancellationTokenRegistration parentLink;

    // 0 until the run starts shutting down (its first real failure), then 1 forever.
    int failing;

    // Failures that belong to no member: exceptions thrown by cancellation callbacks while the run cancelled.
    System.Collections.Concurrent.ConcurrentQueue<Error>? orphans;

    // The group timeout (G1 holds: on expiry every member is cancelled and joined, nothing is abandoned).
    ITimer? timer;
    int timedOut;

    // The result, when the run concludes after Start returned; see Signal.
    ManualResetValueTaskSourceCore<Fin<R>> completion;
    Fin<R> deferredResult;

    /// <summary>The runtime every member of this run shares.</summary>
    protected RT Runtime => runtime;

    /// <summary>The token of <see cref="Runtime"/>: the group's token.</summary>
    protected CancellationToken Token => token;

    /// <summary>The awaitable of a run that concludes after its start returned.</summary>
    protected ValueTask<Fin<R>> Pending => new(this, completion.Version);

    /// <summary>The outcome, once every member has ended and the source is disposed.</summary>
    protected abstract Fin<R> Conclude();

    /// <summary>
    /// Makes the run's child runtime and links it to <paramref name="parent"/>. False, with the run's result, when no
    /// member may start: the parent is cancelled already (G7), or its runtime cannot give a cancellation source.
    /// </summary>
    protected bool Open(RT parent, out Fin<R> refused)
    {
        refused = default;
        var parentToken = parent.CancellationToken;
        if (parentToken.IsCancellationRequested)
        {
            refused = Fin<R>.Fail(Errors.Cancelled);
            return false;
        }
        runtime = parent.LocalCancel;
        source = runtime.CancellationTokenSource;
        if (source is null)
        {
            refused = Fin<R>.Fail(Error.New(new InvalidOperationException(
                $"{typeof(RT).Name}.LocalCancel gave a runtime without a CancellationTokenSource; a group needs one to cancel its children.")));
            return false;
        }
        token = source.Token;

        // The link from the parent: registered before the first member starts, so none can miss a parent cancel.
        // If the parent is cancelled right now, the callback runs inline and no member starts.
        if (parentToken.CanBeCanceled)
            parentLink = parentToken.UnsafeRegister(static s => ((RunCore<RT, R>)s!).CancelMembers(), this);
        return true;
    }

    /// <summary>Starts the timeout of <paramref name="options"/>, if it has one; call after <see cref="Open"/>.</summary>
    protected void StartTimeout(GroupOptions options)
    {
        if (options.Timeout is { } limit)
            timer = options.TimeProvider.CreateTimer(static s => ((RunCore<RT, R>)s!).TimeUp(), this, limit, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The timeout: cancels every member, unless the run is shutting down already.</summary>
    void TimeUp()
    {
        if (token.IsCancellationRequested) return;
        Volatile.Write(ref timedOut, 1);
        CancelMembers();
    }

    /// <summary>
    /// The timeout's part in the outcome, for a run that it cut short (failures, or a member with no result):
    /// <c>Errors.TimedOut</c> alone, or a <see cref="GroupError"/> of the real failures and the timeout. Null when the
    /// timeout did not fire or cut nothing short: a run whose members all succeeded anyway succeeds.
    /// </summary>
    protected Error? TimedOutOutcome(IReadOnlyCollection<Error> failures, bool cutShort, int total) =>
        Volatile.Read(ref timedOut) == 0 || (failures.Count == 0 && !cutShort) ? null
        : failures.Count == 0 ? Errors.TimedOut
        : new GroupError(failures.Append(Errors.TimedOut).ToSeq(), Math.Max(total, failures.Count + 1));

    /// <summary>Starts shutting down, once: cancels every member (G2). True for the call that started it.</summary>
    protected bool ShutDown()
    {
        if (Interlocked.Exchange(ref failing, 1) != 0) return false;
        CancelMembers();
        return true;
    }

    /// <summary>Cancels every member through the shared source: on the first failure, a parent cancel or an
    /// explicit cancel. Calling it again is harmless.</summary>
    protected void CancelMembers()
    {
        // G14: cancelling runs the members' callbacks inline, and a nested group's callback cancels its own
        // members in turn; on a deep tree that recursion moves to the thread pool when the stack runs low.
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            ThreadPool.UnsafeQueueUserWorkItem(static s => s.CancelMembers(), this, preferLocal: false);
            return;
        }
        try
        {
            source!.Cancel();
        }
        catch (AggregateException thrown)
        {
            // G3: a callback that throws while its member is cancelled is cleanup code failing: report it.
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

    /// <summary>Failures that belong to no member, in the order they happened (empty when none).</summary>
    protected IEnumerable<Error> Orphans => Volatile.Read(ref orphans) ?? Enumerable.Empty<Error>();

    /// <summary>Whether some orphan failure was recorded.</summary>
    protected bool HasOrphans => Volatile.Read(ref orphans) is not null;

    /// <summary>
    /// Concludes the run, by whoever ended the last member. First the parent link is disposed, which waits
    /// (asynchronously) for a parent callback that may still be cancelling our source; only then the source is
    /// disposed and the outcome read, so no callback can touch a disposed source or add a failure after the outcome
    /// was taken. Returns false when the link was busy: the run then concludes later and signals its awaiter.
    /// </summary>
    protected bool TryConclude(out Fin<R> result)
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

    /// <summary>Concludes, and signals the awaiter of a run whose start has returned already.</summary>
    protected void ConcludeAndSignal()
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
        // Disposing the timer stops it; a callback already running meets a disposed source and does nothing.
        timer?.Dispose();
        source!.Dispose();
        return Conclude();
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
        ThreadPool.UnsafeQueueUserWorkItem(static s => s.completion.SetResult(s.deferredResult), this, preferLocal: false);
    }

    Fin<R> IValueTaskSource<Fin<R>>.GetResult(short version) => completion.GetResult(version);

    ValueTaskSourceStatus IValueTaskSource<Fin<R>>.GetStatus(short version) => completion.GetStatus(version);

    void IValueTaskSource<Fin<R>>.OnCompleted(Action<object?> continuation, object? state, short version, ValueTaskSourceOnCompletedFlags flags) =>
        completion.OnCompleted(continuation, state, version, flags);
}
